/**
 * A Pulumi YAML program of N resources of one type from one provider plugin given by its directory (the
 * `plugins:` entry `pulumi package add` writes), each resource named alike whatever its type, so that state
 * entries differ by what the resources hold. Values are written as JSON, which YAML reads as flow style.
 */

export const YAML_FLEET_PROJECT = "bench-plugin";

export interface YamlFleet {
  /** The plugin's name (`pulumi-resource-<name>`) and the directory holding its executable. */
  plugin: { name: string; dir: string };
  type: string;
  count: number;
  properties: Record<string, unknown>;
}

export function yamlFleetProgram({ plugin, type, count, properties }: YamlFleet): string {
  const header = [
    `name: ${YAML_FLEET_PROJECT}`,
    "runtime: yaml",
    "plugins:",
    "  providers:",
    `    - name: ${plugin.name}`,
    `      path: ${JSON.stringify(plugin.dir)}`,
    "resources:",
  ];
  const resources = Array.from({ length: count }, (_, index) => [
    `  ${fleetResourceName(index)}:`,
    `    type: ${type}`,
    `    properties: ${JSON.stringify(properties)}`,
  ]);
  return [...header, ...resources.flat(), ""].join("\n");
}

/** `r-0001` … : the same length up to 9,999 resources. */
export function fleetResourceName(index: number): string {
  return `r-${String(index + 1).padStart(4, "0")}`;
}

/**
 * The `paddingBytes` that makes a native-floor resource's state entry `targetBytes` long, given its length with
 * none: the padding adds its characters, and the number itself is stored `occurrences` times (input and output).
 * Where the number's extra digit jumps over the target, the entry stays a byte or two short of it.
 */
export function floorPadding(targetBytes: number, entryBytesWithoutPadding: number, occurrences = 2): number {
  const missing = targetBytes - entryBytesWithoutPadding;
  let padding = Math.max(0, missing);
  while (padding > 0 && padding + occurrences * (String(padding).length - 1) > missing) padding--;
  return padding;
}
