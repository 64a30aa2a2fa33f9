import { ModelWatcher, WatcherClock } from "../../provider/finetunedModel/modelWatcher";
import { backoff, PollOutcome, waitForStatus } from "../../provider/lifecycle/waitForStatus";
import { trainingStatuses } from "../../provider/finetunedModel/diff";
import { InternalServerError, NotFoundError } from "../../provider/cohere/errors";
import type { WireFinetunedModel } from "../../provider/cohere/wireTypes";

/**
 * A clock whose sleeps pass at once, once everything already woken has run (and so may cut the sleep short): the
 * watcher's pauses move it.
 */
function fakeClock(): WatcherClock & { at: number } {
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: async (ms: number, signal: AbortSignal) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!signal.aborted) clock.at += ms;
    },
  };
  return clock;
}

/** A Cohere account whose models train until their own end time, read by listing or by GET. */
function fakeAccount(clock: WatcherClock, readyAt: Record<string, number>) {
  const calls = { list: 0, get: 0 };
  /** From when on the listing no longer holds a model (it fell off the newest page, say). */
  const hiddenFromListing = new Map<string, number>();
  const failingLists = { until: -1, refused: false };
  const model = (id: string): WireFinetunedModel => ({
    id,
    name: id,
    status: clock.now() >= readyAt[id] ? "STATUS_READY" : "STATUS_FINETUNING",
    settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: "d" },
  });
  return {
    calls,
    hiddenFromListing,
    failingLists,
    models: {
      listNewest: async () => {
        calls.list++;
        if (failingLists.refused) throw new TypeError("finetuned_models is not iterable");
        if (clock.now() < failingLists.until)
          throw new InternalServerError({
            method: "GET",
            path: "/v1/finetuning/finetuned-models",
            status: 503,
          });
        return Object.keys(readyAt)
          .filter((id) => clock.now() < (hiddenFromListing.get(id) ?? Infinity))
          .map(model);
      },
      get: async (id: string) => {
        calls.get++;
        if (!(id in readyAt))
          throw new NotFoundError({
            method: "GET",
            path: `/v1/finetuning/finetuned-models/${id}`,
            status: 404,
          });
        return model(id);
      },
    },
  };
}

function waitFor(
  watcher: ModelWatcher,
  clock: WatcherClock,
  id: string,
  { deadline = 24 * 3_600_000, reports = [] as string[], initialMs = 1000 } = {},
): Promise<PollOutcome<WireFinetunedModel>> {
  const watch = watcher.watch(id, "STATUS_FINETUNING");
  const statusOf = (model: WireFinetunedModel) => model.status ?? "";
  return waitForStatus(
    { id, name: id, status: "STATUS_FINETUNING" } as WireFinetunedModel,
    {
      readAt: (dueAt, last) => watch.next(dueAt, last.status),
      nameOf: (model) => model.name,
      statusOf,
      pendingStatuses: trainingStatuses,
    },
    {
      deadline: clock.now() + deadline,
      nextDelay: backoff({ initialMs, maxMs: 60_000, factor: 1.5 }, statusOf),
      report: (message) => reports.push(message),
      now: clock.now,
    },
  ).finally(() => watch.stop());
}

describe("one watcher for every wait of a process", () => {
  it("reads a fleet of waits with one listing per round: about what one wait costs", async () => {
    const lone = fakeClock();
    const alone = fakeAccount(lone, { m0: 3_600_000 });
    await waitFor(new ModelWatcher(alone.models, lone), lone, "m0");
    expect(alone.calls).toEqual({ list: 0, get: expect.any(Number) });

    const clock = fakeClock();
    const readyAt = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`m${i}`, 3_600_000 + i * 1000]));
    const fleet = fakeAccount(clock, readyAt);
    const watcher = new ModelWatcher(fleet.models, clock);
    const outcomes = await Promise.all(Object.keys(readyAt).map((id) => waitFor(watcher, clock, id)));

    expect(
      outcomes.every((outcome) => outcome.kind === "settled" && outcome.item.status === "STATUS_READY"),
    ).toBe(true);
    expect(fleet.calls.get).toBe(0);
    expect(fleet.calls.list).toBeLessThanOrEqual(2 * alone.calls.get);
    expect(watcher.size).toBe(0);
  });

  it("serves waits that start moments apart with the same rounds", async () => {
    const lone = fakeClock();
    const alone = fakeAccount(lone, { m0: 3_600_000 });
    await waitFor(new ModelWatcher(alone.models, lone), lone, "m0");

    const clock = fakeClock();
    const readyAt = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}`, 3_600_000]));
    const fleet = fakeAccount(clock, readyAt);
    const watcher = new ModelWatcher(fleet.models, clock);
    const waits: Array<Promise<unknown>> = [];
    for (const id of Object.keys(readyAt)) {
      waits.push(waitFor(watcher, clock, id));
      await new Promise((resolve) => setImmediate(resolve));
      clock.at += 3; // as creates answered a few milliseconds apart
    }
    await Promise.all(waits);
    expect(fleet.calls.list).toBeLessThanOrEqual(alone.calls.get + 1);
  });

  it("reads a model that disappears from the listing during its wait by its GET", async () => {
    const clock = fakeClock();
    const account = fakeAccount(clock, { a: 10_000, b: 20_000 });
    account.hiddenFromListing.set("b", 5_000);
    const watcher = new ModelWatcher(account.models, clock);
    const [a, b] = await Promise.all([waitFor(watcher, clock, "a"), waitFor(watcher, clock, "b")]);
    expect([a.item.status, b.item.status]).toEqual(["STATUS_READY", "STATUS_READY"]);
    expect(account.calls.list).toBeGreaterThan(1);
    expect(account.calls.get).toBeGreaterThan(0);
  });

  it("ends with a 404 only the wait whose model is gone", async () => {
    const clock = fakeClock();
    const account = fakeAccount(clock, { a: 10_000 });
    const watcher = new ModelWatcher(account.models, clock);
    const [a, gone] = await Promise.allSettled([
      waitFor(watcher, clock, "a"),
      waitFor(watcher, clock, "gone"),
    ]);
    expect(a).toMatchObject({ status: "fulfilled", value: { item: { status: "STATUS_READY" } } });
    expect(gone).toMatchObject({ status: "rejected", reason: expect.any(NotFoundError) });
  });

  it("fails a round's outage only for the waits whose deadline it passes", async () => {
    const clock = fakeClock();
    const account = fakeAccount(clock, { soon: 600_000, late: 600_000 });
    account.failingLists.until = 300_000;
    const watcher = new ModelWatcher(account.models, clock);
    const reports: string[] = [];
    const [soon, late] = await Promise.all([
      waitFor(watcher, clock, "soon", { deadline: 120_000, reports }),
      waitFor(watcher, clock, "late", { reports }),
    ]);
    expect(soon).toMatchObject({ kind: "timedOut", item: { status: "STATUS_FINETUNING" } });
    expect(late).toMatchObject({ kind: "settled", item: { status: "STATUS_READY" } });
    expect(reports.some((line) => /late: status check failed .*still waiting/.test(line))).toBe(true);
  });

  it("reads each model by its GET when the listing is refused for good", async () => {
    const clock = fakeClock();
    const account = fakeAccount(clock, { a: 10_000, b: 20_000 });
    account.failingLists.refused = true;
    const watcher = new ModelWatcher(account.models, clock);
    const [a, b] = await Promise.all([waitFor(watcher, clock, "a"), waitFor(watcher, clock, "b")]);
    expect([a.item.status, b.item.status]).toEqual(["STATUS_READY", "STATUS_READY"]);
    expect(account.calls.get).toBeGreaterThan(0);
  });

  it("wakes a wait as soon as another wait's round sees its status change", async () => {
    const clock = fakeClock();
    // `slow` would next look after 50 min; `busy` polls every second and its rounds read `slow` too.
    const account = fakeAccount(clock, { slow: 30_000, busy: 120_000 });
    const watcher = new ModelWatcher(account.models, clock);
    const slow = waitFor(watcher, clock, "slow", { initialMs: 3_000_000 });
    const busy = waitFor(watcher, clock, "busy", { initialMs: 1000 });
    const noticedAt = await slow.then((settled) => settled.item.status === "STATUS_READY" && clock.now());
    expect(noticedAt).toBeGreaterThanOrEqual(30_000);
    expect(noticedAt).toBeLessThan(60_000);
    await busy;
  });

  it("lets one training at a time read its evaluations", () => {
    const clock = fakeClock();
    const watcher = new ModelWatcher(fakeAccount(clock, {}).models, clock);
    const first = watcher.watch("a", "STATUS_FINETUNING");
    const second = watcher.watch("b", "STATUS_FINETUNING");
    expect([first.mayReadEvaluations(), second.mayReadEvaluations(), first.mayReadEvaluations()]).toEqual([
      true,
      false,
      true,
    ]);
    first.stop();
    expect(second.mayReadEvaluations()).toBe(true);
    second.stop();
  });
});
