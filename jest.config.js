/**
 * One jest run holds every suite: unit/, integration/ and emulator/ over real HTTP, e2e/ on the real Pulumi
 * engine (on 2 cores jest uses a single worker, so the engine suites never compete with each other), and the
 * bench's own tests in bench/test/ (test/ never imports bench/, nor bench/ test/).
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/bench"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/globalSetup.ts",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
};
