// Which repository and which local directory a sync reads. `--repo` names the repository only; the
// local directory comes from --local-dir, DOLPS_LOCAL_DIR or [resource_file] src_dir, and defaults to
// the repository's top (or the current directory inside it). With --verbose, each and its source.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../app/errors.js';
import { placeLocalDir } from '../config/local-dir.js';
import type { Config } from '../config/types.js';
import { openGitSource, type OwnedGitSource } from '../sources/git/git-reader.js';
import type { ConfigArgs } from './config-options.js';

/** What placing the local directory reads of a command line (sync's and status's). */
export type ScopeArgs = ConfigArgs & { repo?: string; quiet?: boolean };
import { loadConfigFor, showConfig, type Runtime } from './runtime.js';
import { stderrLogger } from './stderr-logger.js';

export interface SyncScope {
  config: Config;
  git: OwnedGitSource;
  /** Absolute local directory: what is synced. */
  localDir: string;
}

export async function openSyncScope(argv: ScopeArgs, runtime: Runtime): Promise<SyncScope> {
  let config = loadConfigFor({ ...argv, verbose: false }, runtime);
  const env = { env: runtime.env, fetch: { logger: stderrLogger(runtime.io, { verbose: argv.verbose, quiet: argv.quiet }) } };
  let repoTop: string | undefined;
  if (argv.repo !== undefined) {
    repoTop = (await openGitSource(resolve(runtime.cwd, argv.repo), env)).repoRoot;
    // Compared as real paths (a symlinked /tmp or home); kept as the user wrote them, which is how the
    // config file's path is written too, so neverSyncedPaths finds it by spelling as well.
    const local = { ...config.localDir, value: real(config.localDir.value) };
    const placed = placeLocalDir(local, { top: repoTop, namedBy: `--repo ${argv.repo}` }, real(runtime.cwd));
    if (!placed.ok) throw new UsageError(placed.message, placed.fix);
    const value = placed.value.source.kind !== 'default' ? config.localDir.value
      : placed.value.value === real(runtime.cwd) ? runtime.cwd : placed.value.value;
    config = { ...config, localDir: { ...placed.value, value } };
  }
  const localDir = resolve(config.localDir.value);
  const git = await openGitSource(localDir, env);
  // A nested repository (or a submodule) inside --repo holds the local directory: say so rather than sync from it.
  if (repoTop !== undefined && real(git.repoRoot) !== real(repoTop)) {
    throw new UsageError(`the local directory ${localDir} belongs to the repository ${git.repoRoot}, not to ${repoTop} (--repo ${argv.repo})`,
      'name the repository that holds the local directory, or leave --repo out');
  }
  const repoLine = repoTop !== undefined ? `repo = ${repoTop} (from --repo)` : `repo = ${git.repoRoot} (the repository holding the local directory)`;
  if (argv.verbose) showConfig(config, [repoLine], runtime);
  return { config, git, localDir };
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
