export const DEFAULT_API_KEY = "emulator-key";
export const DEFAULT_TRAINING_MS = 5000;
export const DEFAULT_VALIDATION_MS = 300;
/** Shares of `trainingMs` spent QUEUED and DEPLOYING_API; FINETUNING takes the rest. */
export const DEFAULT_QUEUED_FRACTION = 0.1;
export const DEFAULT_DEPLOYING_FRACTION = 0.2;
