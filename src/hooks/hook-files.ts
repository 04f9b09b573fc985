// Installs and removes dolps-sync's git hook in the directory git runs hooks from (core.hooksPath
// honoured: `git rev-parse --git-path hooks` answers with it). A hook already there is kept: renamed
// to <kind>.before-dolps-sync and run first by ours, then put back by uninstall. Only a file carrying
// HOOK_MARK is ever replaced or removed.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../app/errors.js';
import { gitContext, runGit, type GitEnv } from '../sources/git/git-process.js';
import { CHAINED_SUFFIX, HOOK_MARK, hookScript, type HookKind, type HookSettings } from './hook-script.js';

export interface HookPlace {
  /** Absolute hooks directory (core.hooksPath when set). */
  dir: string;
  /** The repository's top level, where git runs hooks. */
  top: string;
}

export async function findHookPlace(cwd: string, env: GitEnv): Promise<HookPlace> {
  const ctx = gitContext(cwd, env);
  const ask = async (args: string[]) => {
    const { code, stdout, stderr } = await runGit(ctx, ['rev-parse', ...args], { okCodes: [128] });
    if (code !== 0) throw new UsageError(`${cwd} is not in a git repository: ${stderr.trim()}`, 'run it inside the repository, or pass --repo DIR');
    return stdout.toString('utf8').trim();
  };
  return { dir: await ask(['--path-format=absolute', '--git-path', 'hooks']), top: await ask(['--show-toplevel']) };
}

export type InstallOutcome = { path: string; chained?: string; replaced: boolean };

export async function installHook(place: HookPlace, settings: HookSettings): Promise<InstallOutcome> {
  const path = join(place.dir, settings.kind);
  const chainedPath = path + CHAINED_SUFFIX;
  const existing = await readText(path);
  const ours = existing !== undefined && isOurs(existing);
  if (existing !== undefined && !ours) {
    if ((await readText(chainedPath)) !== undefined) {
      throw new UsageError(`${path} is not dolps-sync's and ${chainedPath} exists already`, `merge or remove one of the two, then run install-hook again`);
    }
    await rename(path, chainedPath);
  }
  await mkdir(place.dir, { recursive: true });
  await writeFile(path, hookScript(settings));
  await chmod(path, 0o755);
  const chained = (existing !== undefined && !ours) || (await readText(chainedPath)) !== undefined ? chainedPath : undefined;
  return { path, replaced: ours, ...(chained ? { chained } : {}) };
}

export type UninstallOutcome = { path: string; removed: boolean; restored?: string };

export async function uninstallHook(place: HookPlace, kind: HookKind): Promise<UninstallOutcome> {
  const path = join(place.dir, kind);
  const existing = await readText(path);
  if (existing === undefined || !isOurs(existing)) return { path, removed: false };
  await rm(path);
  const chainedPath = path + CHAINED_SUFFIX;
  if ((await readText(chainedPath)) === undefined) return { path, removed: true };
  await rename(chainedPath, path);
  return { path, removed: true, restored: chainedPath };
}

function isOurs(text: string): boolean {
  return text.split('\n').includes(HOOK_MARK);
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}
