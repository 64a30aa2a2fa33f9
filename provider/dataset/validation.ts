/** Validates a Dataset spec before any API call, including that its files can be read by the provider. */
import * as fs from "node:fs";
import * as path from "node:path";
import { validateFields } from "../fields/validateFields";
import { CheckFailure, FailureCollector, unknownValue } from "../lifecycle/rules";
import { datasetFields } from "./fields";

/** Separators may be whitespace (a newline, a tab): only emptiness is an error. */
const separators = ["textSeparator", "csvDelimiter"];
/** Cohere's size limit for one dataset. */
const maxDatasetBytes = 1.5 * 1024 ** 3;

/**
 * `check` may rename paths for display (a declarative stack reports config paths); a declarative stack checks its
 * entries before the program has hashed their files, hence `requireHashes`. A dataset `pulumi import` recorded
 * exists without its file: `dataFile` is then optional, until a replacement needs to upload it.
 */
export function validateDataset(
  inputs: Record<string, unknown>,
  check: FailureCollector = new FailureCollector(),
  requireHashes = true,
  fileRequired = true,
): CheckFailure[] {
  const hashes = ["dataFileHash", "evalDataFileHash"];
  validateFields(check, datasetFields, inputs, {
    otherKeys: hashes,
    judgedElsewhere: [...separators, ...(fileRequired ? ["dataFile"] : [])],
  });
  validateFile(check, inputs, "dataFile", "dataFileHash", fileRequired, requireHashes);
  validateFile(check, inputs, "evalDataFile", "evalDataFileHash", false, requireHashes);
  for (const property of separators) separator(check, property, inputs[property]);
  if (typeof inputs.csvDelimiter === "string" && [...inputs.csvDelimiter].length > 1) {
    check.fail(
      "csvDelimiter",
      `${check.shown("csvDelimiter")} must be a single character, got "${inputs.csvDelimiter}"`,
    );
  }
  return check.failures;
}

function validateFile(
  check: FailureCollector,
  inputs: Record<string, unknown>,
  file: string,
  hash: string,
  required: boolean,
  requireHash: boolean,
): void {
  if (required) check.string(file, inputs[file], required);
  const readable = readableFile(check, file, inputs[file]);
  check.string(hash, inputs[hash], false, datasetFields.dataFileHash);
  if (readable && requireHash && inputs[hash] === undefined) {
    // Without the hash a content change would go unnoticed; the program leaves it out when it cannot read the file.
    check.fail(
      hash,
      `${hash} is missing: the program could not read ${check.shown(file)} "${inputs[file]}" ` +
        "(a relative path resolves against the directory the program runs in, the project directory)",
    );
  }
}

/** Whether the file can be uploaded; `check` runs in the provider process, whose cwd is the project directory. */
function readableFile(check: FailureCollector, property: string, value: unknown): boolean {
  if (typeof value !== "string" || value.trim() === "" || value === unknownValue) return false;
  const resolved = path.resolve(value);
  const problem = fileProblem(resolved);
  if (problem)
    check.fail(property, `${check.shown(property)} "${value}" ${problem} (resolved to ${resolved})`);
  return problem === undefined;
}

function fileProblem(resolved: string): string | undefined {
  try {
    fs.accessSync(resolved, fs.constants.R_OK);
    const stats = fs.statSync(resolved);
    if (!stats.isFile()) return "is not a file";
    if (stats.size > maxDatasetBytes) return `has ${stats.size} bytes, over Cohere's 1.5 GB dataset limit`;
    return undefined;
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/** Separators may be whitespace (a newline, a tab), so only emptiness is an error. */
function separator(check: FailureCollector, property: string, value: unknown): void {
  if (value === undefined || value === null || value === unknownValue) return;
  if (typeof value !== "string" || value === "")
    check.fail(property, `${check.shown(property)} must be a non-empty string`);
}
