import { startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";

interface ListBody {
  finetuned_models: { id: string; name: string; created_at: string }[];
  next_page_token: string;
  total_size: number;
}

describe("pagination of list endpoints", () => {
  let emulator: TestEmulator;
  let datasetId: string;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 1000, validationMs: 100 });
    datasetId = await emulator.chatDatasetId();
  });
  afterEach(() => emulator.close());

  async function createModels(count: number): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `model-${String(i).padStart(2, "0")}`;
      await emulator.createModel(name, {
        base_model: { base_type: "BASE_TYPE_CHAT" },
        dataset_id: datasetId,
      });
      await emulator.admin.advanceClock(1);
      names.push(name);
    }
    return names;
  }

  async function listAll(
    query: Record<string, string | number>,
  ): Promise<{ names: string[]; pages: ListBody[] }> {
    const pages: ListBody[] = [];
    let token = "";
    do {
      const response = await emulator.send("GET", MODELS, {
        query: { ...query, ...(token ? { page_token: token } : {}) },
      });
      expect(response.status).toBe(200);
      const page = response.body as unknown as ListBody;
      pages.push(page);
      token = page.next_page_token;
    } while (token !== "");
    return { names: pages.flatMap((page) => page.finetuned_models.map((m) => m.name)), pages };
  }

  test("page_size and page_token walk the list in created_at order; the last page's token is empty", async () => {
    const names = await createModels(5);
    const { names: listed, pages } = await listAll({ page_size: 2 });
    expect(listed).toEqual(names);
    expect(pages.map((page) => page.finetuned_models.length)).toEqual([2, 2, 1]);
    expect(pages.map((page) => page.total_size)).toEqual([5, 5, 5]);
    expect(pages[2].next_page_token).toBe("");
  });

  test("order_by 'created_at desc' reverses the order; 'created_at' is ascending", async () => {
    const names = await createModels(4);
    expect((await listAll({ page_size: 3, order_by: "created_at desc" })).names).toEqual(
      [...names].reverse(),
    );
    expect((await listAll({ page_size: 3, order_by: "created_at" })).names).toEqual(names);
  });

  test("page_size 0 or absent means 50", async () => {
    await createModels(52);
    for (const query of [{ page_size: 0 }, {}] as Record<string, number>[]) {
      const page = (await emulator.send("GET", MODELS, { query })).body as unknown as ListBody;
      expect(page.finetuned_models).toHaveLength(50);
      expect(page.next_page_token).not.toBe("");
      expect(page.total_size).toBe(52);
    }
  });

  test("page_size must be an int32 on every list endpoint: beyond it is a 400, not coerced", async () => {
    const created = await emulator.createModel("paged", {
      base_model: { base_type: "BASE_TYPE_CHAT" },
      dataset_id: datasetId,
    });
    const model = `${MODELS}/${(created.body.finetuned_model as { id: string }).id}`;
    for (const path of [MODELS, `${model}/events`, `${model}/training-step-metrics`]) {
      for (const pageSize of ["2147483648", "99999999999999999999", "-1", "-2147483649"]) {
        const response = await emulator.send("GET", path, { query: { page_size: pageSize } });
        expect({ path, pageSize, ...response }).toMatchObject({
          status: 400,
          body: {
            message: `invalid request: page_size must be a non-negative integer no greater than 2147483647, got "${pageSize}"`,
          },
        });
      }
      for (const pageSize of ["2147483647", "1000", "1"]) {
        const response = await emulator.send("GET", path, { query: { page_size: pageSize } });
        expect({ path, pageSize, status: response.status }).toEqual({ path, pageSize, status: 200 });
      }
    }
  });

  test("a page token stays valid when models are created or deleted between pages", async () => {
    await createModels(4);
    const first = (await emulator.send("GET", MODELS, { query: { page_size: 2 } }))
      .body as unknown as ListBody;
    await emulator.send("DELETE", `${MODELS}/${first.finetuned_models[0].id}`);
    await createModels(1);
    const second = (
      await emulator.send("GET", MODELS, { query: { page_size: 2, page_token: first.next_page_token } })
    ).body as unknown as ListBody;
    expect(second.finetuned_models.map((m) => m.name)).toEqual(["model-02", "model-03"]);
  });

  test("bad page_size, order_by and page_token values are a 400 naming the parameter", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ page_size: "ten" }, "page_size must be a non-negative integer"],
      [{ page_size: "-1" }, "page_size must be a non-negative integer"],
      [{ order_by: "name" }, 'order_by field "name" is not supported'],
      [{ order_by: "created_at sideways" }, "order_by clause"],
      [{ page_token: "garbage" }, "page_token is invalid"],
    ];
    for (const [query, message] of cases) {
      const response = await emulator.send("GET", MODELS, { query });
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(expect.stringContaining(message));
    }
    await createModels(3);
    const ascending = (await emulator.send("GET", MODELS, { query: { page_size: 1 } }))
      .body as unknown as ListBody;
    const mixed = await emulator.send("GET", MODELS, {
      query: { page_size: 1, order_by: "created_at desc", page_token: ascending.next_page_token },
    });
    expect(mixed.status).toBe(400);
  });

  test("events and training-step metrics page the same way", async () => {
    // Several training steps, so that there are several evaluations to page through.
    const name = "metered";
    await emulator.createModel(name, {
      base_model: { base_type: "BASE_TYPE_CHAT" },
      dataset_id: datasetId,
      hyperparameters: { train_batch_size: 2 },
    });
    const list = (await emulator.send("GET", MODELS)).body as unknown as ListBody;
    const id = list.finetuned_models.find((m) => m.name === name)?.id as string;
    await emulator.admin.advanceClock(1000);

    const events = await emulator.send("GET", `${MODELS}/${id}/events`, { query: { page_size: 3 } });
    expect(events.body).toMatchObject({ total_size: 4 });
    expect((events.body.events as unknown[]).length).toBe(3);
    const rest = await emulator.send("GET", `${MODELS}/${id}/events`, {
      query: { page_size: 3, page_token: events.body.next_page_token as string },
    });
    expect(rest.body).toMatchObject({ events: [{ status: "STATUS_READY" }], next_page_token: "" });
    const newestFirst = await emulator.send("GET", `${MODELS}/${id}/events`, {
      query: { order_by: "created_at desc" },
    });
    expect((newestFirst.body.events as { status: string }[])[0].status).toBe("STATUS_READY");

    const metrics = await emulator.send("GET", `${MODELS}/${id}/training-step-metrics`, {
      query: { page_size: 1 },
    });
    expect((metrics.body.step_metrics as unknown[]).length).toBe(1);
    expect(metrics.body.next_page_token).not.toBe("");
    expect(metrics.body).not.toHaveProperty("total_size");
  });
});
