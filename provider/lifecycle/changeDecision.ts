/** What a change between runs costs, as a provider's diff decides it. */
export interface ChangeDecision {
  changes: boolean;
  replaces: string[];
  /** Why, in words, for the preview display. */
  reasons: string[];
}
