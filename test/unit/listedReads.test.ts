import { ListedReads } from "../../provider/finetunedModel/listedReads";
import { InternalServerError, NotFoundError } from "../../provider/cohere/errors";
import type { WireFinetunedModel } from "../../provider/cohere/wireTypes";

function fakeAccount(ids: string[], { listingFails = false } = {}) {
  const calls = { list: 0, get: 0 };
  const model = (id: string) => ({ id, name: id, status: "STATUS_READY" }) as WireFinetunedModel;
  return {
    calls,
    models: {
      listNewest: async () => {
        calls.list++;
        if (listingFails) throw new InternalServerError({ method: "GET", path: "/", status: 503 });
        return ids.map(model);
      },
      get: async (id: string) => {
        calls.get++;
        if (id.startsWith("gone")) throw new NotFoundError({ method: "GET", path: `/${id}`, status: 404 });
        return model(id);
      },
    },
  };
}

/** Reads as the engine's refresh asks for them: `parallel` at a time, the next as soon as one is answered. */
async function refresh(reads: ListedReads, ids: string[], parallel = 8) {
  const queue = [...ids];
  const results: Array<WireFinetunedModel | Error> = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift())
        results.push(await reads.get(id).catch((error: Error) => error));
    }),
  );
  return results;
}

const ids = (count: number, prefix = "m") => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe("refresh reads from listings", () => {
  it("reads 500 models with one listing", async () => {
    const account = fakeAccount(ids(500));
    const results = await refresh(new ListedReads(account.models), ids(500));
    expect(results.filter((result) => !(result instanceof Error))).toHaveLength(500);
    expect(account.calls).toEqual({ list: 1, get: 0 });
  });

  it("reads a model the listing does not hold by its GET, and a 404 says it is gone", async () => {
    const account = fakeAccount(ids(20));
    const results = await refresh(new ListedReads(account.models), [...ids(20), "old1", "gone1"]);
    expect(results.filter((result) => result instanceof NotFoundError)).toHaveLength(1);
    expect(account.calls).toEqual({ list: 1, get: 2 });
  });

  it("makes a lone read a plain GET", async () => {
    const account = fakeAccount(ids(1000));
    await new ListedReads(account.models).get("m3");
    expect(account.calls).toEqual({ list: 0, get: 1 });
  });

  it("falls back to GETs when the listing fails", async () => {
    const account = fakeAccount(ids(10), { listingFails: true });
    const results = await refresh(new ListedReads(account.models), ids(10));
    expect(results.every((result) => !(result instanceof Error))).toBe(true);
    expect(account.calls.get).toBe(10);
  });

  it("lists again once its listing is older than the reuse window", async () => {
    const account = fakeAccount(ids(16));
    let now = 0;
    const reads = new ListedReads(account.models, { gatherMs: 1, reuseMs: 30_000, now: () => now });
    await refresh(reads, ids(8));
    now = 31_000;
    await refresh(reads, ids(8));
    expect(account.calls).toEqual({ list: 2, get: 0 });
  });
});
