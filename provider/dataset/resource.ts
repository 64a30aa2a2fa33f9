/** The Dataset resource: a local file uploaded to Cohere and validated for fine-tuning. */
import * as pulumi from "@pulumi/pulumi";
import type { DatasetType } from "../cohere/enums";
import { DynamicResource } from "../lifecycle/dynamicResource";
import { resourceMetadata } from "../lifecycle/resourceMetadata";
import { readableFileSha256 } from "./fileHashes";

/**
 * Cohere cannot change an uploaded dataset: changing any input except `dataFile`/`evalDataFile` paths (same content),
 * `waitForValidation` and custom timeouts uploads a new dataset and replaces the old one.
 */
export interface DatasetArgs {
  /**
   * The dataset's name at Cohere, under 50 characters. When omitted it is `<resource name>-<suffix>` (the resource
   * name cut to 40 characters), stable across runs and fresh on replacement.
   */
  name?: pulumi.Input<string>;
  /** What the rows are for, e.g. `DatasetType.ChatFinetuneInput`; Cohere validates them against that type's rules. */
  type: pulumi.Input<DatasetType>;
  /**
   * Path of the local training file (JSONL or CSV; Cohere reads the format from the extension). A relative path
   * resolves against the directory `pulumi` runs the program in, the project directory. The file's SHA-256 is taken
   * when the program runs, so a change of content shows in preview and replaces the dataset; moving it does not.
   */
  dataFile: pulumi.Input<string>;
  /** Path of a local evaluation file; without one Cohere holds out part of `dataFile` (20 % for chat). */
  evalDataFile?: pulumi.Input<string>;
  /** Whether Cohere also stores the original file. */
  keepOriginalFile?: pulumi.Input<boolean>;
  /** Drop malformed rows (listed in `validationWarnings`) instead of failing validation. */
  skipMalformedInput?: pulumi.Input<boolean>;
  /** Fields to keep besides the type's required ones; validation fails when a row lacks one. */
  keepFields?: pulumi.Input<pulumi.Input<string>[]>;
  /** Fields to keep besides the type's required ones; rows may lack them. */
  optionalFields?: pulumi.Input<pulumi.Input<string>[]>;
  /** What splits a raw `.txt` upload into entries. */
  textSeparator?: pulumi.Input<string>;
  /** The delimiter of a `.csv` upload, one character. */
  csvDelimiter?: pulumi.Input<string>;
  /**
   * Wait until Cohere has finished validating before the resource counts as created (default true). The wait honours
   * `customTimeouts.create` (default 1h); a dataset that fails validation or times out stays in the stack, and the
   * next `pulumi up` replaces it (failed) or resumes waiting (timed out, bounded by `customTimeouts.update`).
   * Only a validated dataset can be trained on. Changing this makes no API call.
   */
  waitForValidation?: pulumi.Input<boolean>;
}

export class Dataset extends DynamicResource {
  /** The dataset's name at Cohere. */
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<DatasetType>;
  /** Cohere's validation status, e.g. `validated`; see `ValidationStatus`. */
  declare readonly validationStatus: pulumi.Output<string>;
  /** Why validation failed. */
  declare readonly validationError: pulumi.Output<string | undefined>;
  /** E.g. the rows `skipMalformedInput` dropped. */
  declare readonly validationWarnings: pulumi.Output<string[] | undefined>;
  declare readonly totalExamples: pulumi.Output<number | undefined>;
  declare readonly trainExamples: pulumi.Output<number | undefined>;
  declare readonly evalExamples: pulumi.Output<number | undefined>;
  declare readonly trainableTokenCount: pulumi.Output<number | undefined>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /**
   * True once Cohere no longer has the dataset (it deletes datasets after 30 days). The record stays, so models
   * trained on it are not retrained; a changed file, or `pulumi up --replace`, uploads it again.
   */
  declare readonly expired: pulumi.Output<boolean | undefined>;
  /** SHA-256 (hex) of the uploaded training file. */
  declare readonly dataFileHash: pulumi.Output<string>;
  /** SHA-256 (hex) of the uploaded evaluation file. */
  declare readonly evalDataFileHash: pulumi.Output<string | undefined>;

  constructor(name: string, args: DatasetArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      name: args.name,
      dataFileHash: hashOf(args.dataFile),
      evalDataFileHash: args.evalDataFile === undefined ? undefined : hashOf(args.evalDataFile),
      ...resourceMetadata(name, opts),
      validationStatus: undefined,
      validationError: undefined,
      validationWarnings: undefined,
      totalExamples: undefined,
      trainExamples: undefined,
      evalExamples: undefined,
      trainableTokenCount: undefined,
      createdAt: undefined,
      expired: undefined,
    };
    super("Dataset", "DatasetProvider", name, props, opts);
  }
}

function hashOf(file: pulumi.Input<string | undefined>): pulumi.Output<string | undefined> {
  return pulumi.output(file).apply(readableFileSha256);
}
