/**
 * What a build of the `cohere` plugin says about itself: its version, the repository it comes from and where
 * `pulumi` downloads it. All of it is fixed when the plugin is built, from `package.json` (the only place the
 * version is written) and the release command's `--server`.
 */
export interface PluginRelease {
  readonly version: string;
  /** The source repository's web address, `https://github.com/<owner>/<repo>`. */
  readonly repository: string;
  /** The schema's `pluginDownloadURL`: what every SDK names as its plugin's server. */
  readonly pluginDownloadURL: string;
}

/** The fields of `package.json` a release is read from. */
export interface ReleasePackageJson {
  version: string;
  repository?: string | { url: string };
}

/** `https://github.com/<owner>/<repo>` from npm's spellings of a repository (`git+https://…git`, `github:o/r`, …). */
export function repositoryWebAddress(repository: ReleasePackageJson["repository"]): string {
  const url = typeof repository === "string" ? repository : repository?.url;
  const match = url?.match(/github(?:\.com[/:]|:)([^/]+)\/([^/#]+?)(?:\.git)?(?:#.*)?$/);
  if (!match)
    throw new Error(`package.json's repository must name a GitHub repository, got ${JSON.stringify(url)}`);
  return `https://github.com/${match[1]}/${match[2]}`;
}

/** The project's own releases are GitHub releases whose assets carry Pulumi's standard plugin archive names. */
export function defaultPluginDownloadURL(repository: string): string {
  return repository.replace(/^https:\/\/github\.com\//, "github://api.github.com/");
}

export function pluginRelease(
  packageJson: ReleasePackageJson,
  server?: string,
  version?: string,
): PluginRelease {
  const repository = repositoryWebAddress(packageJson.repository);
  return {
    version: version ?? packageJson.version,
    repository,
    pluginDownloadURL: server ?? defaultPluginDownloadURL(repository),
  };
}
