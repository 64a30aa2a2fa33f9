/**
 * Figure 4: bytes of state per FinetunedModel and how much of it is the serialized provider, from the source
 * checkout and from the installed package.
 */
import { measureStateBytes, round, type StateBytes } from "./exportedState";
import { type Figure, kib } from "./figure";
import { FINETUNED_MODEL_TYPE } from "./fleets";
import { LAYOUT_LABELS, LAYOUTS, type LayoutName, perLayout } from "./layouts";
import type { LifecycleRun } from "./modelLifecycle";

const STUB_MAX_SHARE = 0.1;

export type LayoutState = StateBytes & { stateBytes: number };

export interface StateSize {
  models: number;
  layouts: Record<LayoutName, LayoutState>;
  /** A model resource of the installed package over one of the source checkout (mean bytes). */
  installedOverSource: number;
}

export function measureStateSize(lifecycles: Record<LayoutName, LifecycleRun>): Figure<StateSize> {
  const layouts = perLayout((layout): LayoutState => {
    const { exportedState } = lifecycles[layout];
    const bytes = measureStateBytes(exportedState, FINETUNED_MODEL_TYPE);
    return { ...bytes, stateBytes: Buffer.byteLength(exportedState) };
  });
  const { sourceCheckout, installedPackage } = layouts;
  const data: StateSize = {
    models: sourceCheckout.resources,
    layouts,
    installedOverSource: round(installedPackage.resourceBytes.mean / sourceCheckout.resourceBytes.mean, 3),
  };
  return {
    title: `4. State size (${data.models} models)`,
    data,
    rows: [
      ...LAYOUTS.flatMap((layout): Array<[string, string]> => {
        const bytes = layouts[layout];
        const label = LAYOUT_LABELS[layout];
        return [
          [`${label}: whole state (pulumi stack export)`, kib(bytes.stateBytes)],
          [`${label}: per model resource (compact JSON, mean)`, kib(bytes.resourceBytes.mean)],
          [
            `${label}: __provider per resource (inputs + outputs)`,
            `${kib(bytes.providerBytes.total)}: ${bytes.providerBytes.inputs} + ${bytes.providerBytes.outputs} B ` +
              `(${Math.round(bytes.providerShare * 100)} % of the resource)`,
          ],
        ];
      }),
      ["model resource, installed package over source checkout", `${data.installedOverSource}×`],
    ],
    violations: stubViolations(layouts),
  };
}

/**
 * Installed, a resource must carry a stub that loads the installed provider, not the provider itself: a tenth
 * of the source checkout's serialized provider leaves room for the stub to grow and still catches a fall back
 * to serializing the provider by value (which would make the two layouts' figures alike).
 */
export function stubViolations(layouts: Record<LayoutName, Pick<StateBytes, "providerBytes">>): string[] {
  const installed = layouts.installedPackage.providerBytes.total;
  const source = layouts.sourceCheckout.providerBytes.total;
  return installed > source * STUB_MAX_SHARE
    ? [
        `the installed package's __provider is ${installed} B per resource, more than ${STUB_MAX_SHARE} of the ` +
          `source checkout's ${source} B: it is not the stub that loads the installed provider`,
      ]
    : [];
}
