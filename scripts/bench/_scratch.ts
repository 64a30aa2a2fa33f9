import { startTestEmulator } from "../../test/support/emulatorAdmin";
import { withBenchStack } from "./benchStack";
import { emulatorConfig, FAST_PROVIDER_ENV, finetunedModelFleet, noopFleet } from "./fleets";

async function main() {
  const n = Number(process.argv[2] ?? 5);
  const emulator = await startTestEmulator({ trainingMs: 200 });
  const datasetId = await emulator.admin.createChatDataset();
  let t = Date.now();
  await withBenchStack(
    { projectName: "bench-noop", program: noopFleet(n), env: FAST_PROVIDER_ENV },
    async ({ stack, exportState }) => {
      const r = await stack.up();
      console.log("noop", Date.now() - t, r.summary.resourceChanges);
      console.log((await exportState()).length);
    },
  );
  t = Date.now();
  await withBenchStack(
    {
      projectName: "bench-models",
      program: finetunedModelFleet(n, datasetId),
      config: emulatorConfig(emulator.url),
      env: FAST_PROVIDER_ENV,
    },
    async ({ stack, exportState }) => {
      await emulator.admin.clearRequests();
      const r = await stack.up();
      console.log("models", Date.now() - t, r.summary.resourceChanges);
      const reqs = await emulator.admin.requests();
      console.log(reqs.length, reqs.slice(0, 8));
      const s = await exportState();
      require("fs").writeFileSync("/tmp/state.json", s);
    },
  );
  await emulator.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
