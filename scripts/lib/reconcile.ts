/** Compares the models a stack records with the models the service holds. */

export interface ModelRef {
  id: string;
  name: string;
}

export interface Reconciliation {
  /** Service models beyond the first of each name. */
  duplicates: number;
  /** Service models no resource in state points at, plus state resources whose model the service lacks. */
  orphans: number;
  untrackedInService: string[];
  missingFromService: string[];
}

export function reconcile(inState: ModelRef[], inService: ModelRef[]): Reconciliation {
  const perName = new Map<string, number>();
  for (const { name } of inService) perName.set(name, (perName.get(name) ?? 0) + 1);
  const duplicates = [...perName.values()].reduce((sum, count) => sum + count - 1, 0);
  const stateIds = new Set(inState.map((model) => model.id));
  const serviceIds = new Set(inService.map((model) => model.id));
  const untrackedInService = inService.map((model) => model.id).filter((id) => !stateIds.has(id));
  const missingFromService = inState.map((model) => model.id).filter((id) => !serviceIds.has(id));
  return {
    duplicates,
    orphans: untrackedInService.length + missingFromService.length,
    untrackedInService,
    missingFromService,
  };
}
