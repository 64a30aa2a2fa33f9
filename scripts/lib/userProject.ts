/**
 * A user's Pulumi project: a template laid out like `pulumi new` (or an example) copied to a fresh temp
 * directory, this package installed into it from `npm pack` of the checkout, and a private state backend.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { packedPackage } from "./packedPackage";
import { ensurePulumiCli } from "./pulumiCli";
import { PulumiProject } from "./pulumiProject";

const execFileAsync = promisify(execFile);
const packageName = "pulumi-cohere-finetuning";

export interface UserProjectOptions {
  /** The directory to copy (its node_modules and Pulumi state are left behind). */
  template: string;
  /** Top-level entries of the template to copy; all when omitted. */
  only?: string[];
  /** Files written over the copy: path relative to the project → content. */
  files?: Record<string, string>;
  /** Names the temp directory. */
  purpose: string;
  /** False for a project that uses the provider plugin instead of the npm package (a YAML, Python or Go one). */
  installPackage?: boolean;
  /** Environment of every `pulumi` command, on top of the isolated one (e.g. provider tuning knobs). */
  env?: Record<string, string>;
}

export interface UserProject extends PulumiProject {
  /** The temp directory holding the project, its state backend and PULUMI_HOME. */
  readonly root: string;
  /** Deletes the temp directory; destroys nothing. */
  cleanup(): Promise<void>;
}

export async function createUserProject(options: UserProjectOptions): Promise<UserProject> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `cohere-${options.purpose}-`));
  const dir = path.join(root, "project");
  const copied = (entry: string) =>
    !["node_modules", ".pulumi"].includes(entry) && (options.only?.includes(entry) ?? true);
  fs.mkdirSync(dir);
  for (const entry of fs.readdirSync(options.template).filter(copied)) {
    fs.cpSync(path.join(options.template, entry), path.join(dir, entry), { recursive: true });
  }
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  if (options.installPackage !== false) await installPackage(dir);

  const cli = await ensurePulumiCli();
  const project = new PulumiProject(dir, {
    ...withoutCohereCredentials(process.env),
    ...cli.env,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_CONFIG_PASSPHRASE: `${options.purpose}-passphrase`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // Plugins cannot be downloaded here; fail fast instead of retrying the network.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.env,
  });
  const backend = path.join(root, "state");
  fs.mkdirSync(backend);
  await project.login(`file://${backend}`);
  return Object.assign(project, {
    root,
    cleanup: () => fs.promises.rm(root, { recursive: true, force: true }),
  });
}

/** What a user does with a tarball: point the dependency at it and `npm install`. */
async function installPackage(dir: string): Promise<void> {
  const manifestFile = path.join(dir, "package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  manifest.dependencies = { ...manifest.dependencies, [packageName]: `file:${await packedPackage()}` };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  await execFileAsync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A test or demo decides where the provider's credentials come from; nothing leaks in from the shell. */
function withoutCohereCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CO_API_KEY: _key, CO_API_URL: _url, ...rest } = env;
  return rest;
}
