/** What the `cohere` package says of itself in the registry and its SDKs. */
export const packageDocs = {
  displayName: "Cohere fine-tuning",
  description:
    "Cohere fine-tuned models, and the datasets they train on, managed through Cohere's fine-tuning API or any " +
    "Cohere-compatible endpoint. Cohere stopped offering fine-tuning to new customers on 2025-09-15: organisations " +
    "that already fine-tune can still use it.",
};
