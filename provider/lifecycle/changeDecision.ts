/** What a change between runs costs, as a provider's diff decides it. */
export interface ChangeDecision {
  changes: boolean;
  /** The top-level properties whose change replaces the object. */
  replaces: string[];
  /** Why, in words, for the preview display. */
  reasons: string[];
  /** Each changed input by its property path, and whether it replaces: a plugin's detailed diff. */
  changedPaths: Record<string, "update" | "replace">;
}
