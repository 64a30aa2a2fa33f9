export { ENGINE_SETUP_TIMEOUT_MS, ensureEngine } from "./engine";
export type { Engine } from "./engine";
export { captureOutput, transcriptRecorder } from "./output";
export type { CapturedOutput } from "./output";
export { createTestStack } from "./testStack";
export type { TestStack, TestStackOptions } from "./testStack";
