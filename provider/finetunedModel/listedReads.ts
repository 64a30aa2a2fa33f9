/**
 * Reads of single models for `refresh` and `import`. The engine asks for them a few at a time (`--parallel`):
 * reads that arrive together share one page of the account's newest models, which later reads reuse for a
 * while, so refreshing a fleet costs a few listings instead of one GET per model. A model the page does not hold
 * (an old one, or one gone) gets its own GET, whose 404 alone says it is gone; a lone read is just a GET.
 */
import type { FinetunedModels } from "../cohere/finetunedModels";
import type { WireFinetunedModel } from "../cohere/wireTypes";

export interface ListedReadsTiming {
  /** How long a read waits for others to share its listing with. */
  gatherMs: number;
  /** How long a listing answers later reads: about what a refresh of a large fleet takes. */
  reuseMs: number;
  now: () => number;
}

const defaultTiming: ListedReadsTiming = { gatherMs: 20, reuseMs: 30_000, now: Date.now };

type Listing = Promise<Map<string, WireFinetunedModel> | undefined>;

export class ListedReads {
  private listing?: { at: number; models: Listing };
  private gathering?: { reads: number; listing: Listing };

  constructor(
    private readonly models: Pick<FinetunedModels, "get" | "listNewest">,
    private readonly timing: ListedReadsTiming = defaultTiming,
  ) {}

  async get(id: string): Promise<WireFinetunedModel> {
    const listed = (await this.recentListing())?.get(id);
    return listed ?? this.models.get(id);
  }

  private recentListing(): Listing {
    if (this.listing && this.timing.now() - this.listing.at < this.timing.reuseMs) return this.listing.models;
    if (this.gathering) {
      this.gathering.reads++;
      return this.gathering.listing;
    }
    const gathering: { reads: number; listing: Listing } = { reads: 1, listing: Promise.resolve(undefined) };
    gathering.listing = new Promise<void>((resolve) => setTimeout(resolve, this.timing.gatherMs)).then(() => {
      this.gathering = undefined;
      return gathering.reads > 1 ? this.list() : undefined;
    });
    this.gathering = gathering;
    return gathering.listing;
  }

  /** A failed listing is not kept: its reads, and the next ones, fall back to their GETs. */
  private list(): Listing {
    const listing = {
      at: this.timing.now(),
      models: this.models.listNewest().then(
        (models) => new Map(models.filter((model) => model.id).map((model) => [model.id!, model])),
        () => {
          if (this.listing === listing) this.listing = undefined;
          return undefined;
        },
      ),
    };
    this.listing = listing;
    return listing.models;
  }
}
