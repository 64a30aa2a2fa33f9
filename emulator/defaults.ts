export const DEFAULT_API_KEY = "emulator-key";
export const DEFAULT_TRAINING_MS = 5000;
export const DEFAULT_VALIDATION_MS = 300;
