/**
 * The `calls` figure's rows; targets from issue 15 (one create in a large account), issue 20 (the refresh of a
 * large stack) and the no-op promise.
 */
import { checked, type FigureReport, type Row } from "../figure";
import { type CallsData, type CreateInAccount, type Operation, OPERATIONS } from "../figures/calls";
import { describeCounts } from "../lib/requestKinds";

const CREATE_CALLS = 5;
const CREATE_METRICS_CALLS = 2;
/** Calls in all of one `refresh` pass of the large stack. */
const LARGE_REFRESH_CALLS = 5;
const REFRESH_PASS = "one pass: refresh --yes --skip-preview";

const OPERATION_LABELS: Record<Operation, string> = {
  create: "first up (creates)",
  previewNoop: "preview with nothing to change",
  upNoop: "up with nothing to change",
  refresh: `refresh (${REFRESH_PASS})`,
  destroy: "destroy",
};

export function callsReport(data: CallsData): FigureReport {
  return {
    title: `calls: Cohere API calls per operation (${data.models} models), and of one create in a large account`,
    rows: [
      ...OPERATIONS.map((operation) => operationRow(data, operation)),
      ...(data.largeRefresh ? [largeRefreshRow(data.largeRefresh)] : []),
      ...data.createsInAccounts.flatMap(createRows),
    ],
  };
}

function operationRow(data: CallsData, operation: Operation): Row {
  const { calls, perModel } = data.operations[operation];
  const measure = `${OPERATION_LABELS[operation]}: calls (per model)`;
  const value = `${calls.total} (${perModel})${calls.total > 0 ? `: ${describeCounts(calls)}` : ""}`;
  return operation === "previewNoop" || operation === "upNoop"
    ? checked(measure, value, "0", calls.total === 0)
    : { measure, value };
}

function largeRefreshRow({ models, calls, perModel }: NonNullable<CallsData["largeRefresh"]>): Row {
  return checked(
    `refresh of ${models} models (${REFRESH_PASS}): calls in all (per model)`,
    `${calls.total} (${perModel})${calls.total > 0 ? `: ${describeCounts(calls)}` : ""}`,
    `≤ ${LARGE_REFRESH_CALLS}`,
    calls.total <= LARGE_REFRESH_CALLS,
  );
}

function createRows({ accountModels, naming, calls }: CreateInAccount): Row[] {
  const subject = `one create beside ${accountModels.toLocaleString("en-US")} models, ${naming} name`;
  return [
    checked(
      `${subject}: calls in all`,
      `${calls.total}: ${describeCounts(calls)}`,
      `≤ ${CREATE_CALLS}`,
      calls.total <= CREATE_CALLS,
    ),
    checked(
      `${subject}: metrics calls`,
      String(calls.metrics),
      `≤ ${CREATE_METRICS_CALLS}`,
      calls.metrics <= CREATE_METRICS_CALLS,
    ),
  ];
}
