/**
 * Ids a provider process took over instead of creating. The engine can still hold such an object under an
 * older resource that is pending deletion: a replacement's new training failed, the spec was reverted, and the
 * revert took over the original model. Deleting that old resource at the end of the update would delete the
 * model the new one now manages, so its deletion is skipped. Kept on the provider object, which lives as long
 * as the plugin process (one Pulumi operation).
 */
export interface TakeoverMemory {
  takenOverIds?: string[];
}

export function rememberTakeover(memory: TakeoverMemory, id: string): void {
  (memory.takenOverIds ??= []).push(id);
}

export function wasTakenOver(memory: TakeoverMemory, id: string): boolean {
  return memory.takenOverIds?.includes(id) ?? false;
}
