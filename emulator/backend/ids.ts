import { randomBytes, randomUUID } from "node:crypto";

export const ORGANIZATION_ID = "6bdca3d5-3eae-4de0-ac34-786d8063b7ee";
export const CREATOR_ID = "7a317d97-4d05-427d-9396-f31b9fb92c55";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newModelId(): string {
  return randomUUID();
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Cohere dataset ids read like `my-dataset-d701tr`: a slug of the name and a random suffix. */
export function newDatasetId(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  const suffix = randomBytes(4).toString("hex").slice(0, 6);
  return slug ? `${slug}-${suffix}` : suffix;
}
