// Finds and reads the config file, then resolves. The file system comes in as functions.
import { isAbsolute, resolve } from 'node:path';
import { CONFIG_ENV, readEnv, type EnvRecord } from './env.js';
import type { ConfigFlags } from './flags.js';
import { resolveConfig, secretsInLayers, type ResolveResult } from './resolve.js';
import type { TargetRequest } from './targets.js';

export interface LoadInput {
  flags: ConfigFlags;
  env: EnvRecord;
  cwd: string;
  /** --config; wins over DOLPS_CONFIG. */
  configPath?: string;
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** Whether a regular file is there (never read): for the note about an unread ./conf.ini. */
  isFile?(path: string): boolean;
  targets?: TargetRequest;
}

/**
 * There is no implicit ./conf.ini: the working directory is usually the repository being synced, and
 * DolphinScheduler resources are often config files themselves, so a conf.ini found there may well be
 * a resource, not ours. A file is read only when --config or DOLPS_CONFIG names it.
 */
export function loadConfig(input: LoadInput): ResolveResult {
  const fromFlag = input.configPath?.trim();
  const named = fromFlag || readEnv(input.env).configPath;
  const base = { flags: input.flags, env: input.env, cwd: input.cwd, isDirectory: input.isDirectory, targets: input.targets };
  if (!named) return withUnreadConfNote(resolveConfig(base), input);
  const path = isAbsolute(named) ? named : resolve(input.cwd, named);
  const text = input.isDirectory(path) ? undefined : input.readFile(path);
  if (text === undefined) {
    const source = fromFlag ? '--config' : CONFIG_ENV;
    const shownPath = path === named ? named : `${named} (${path})`;
    return {
      errors: [{ source, message: `the config file ${shownPath} does not exist or is not a file`,
        fix: `check the path given to ${source}, or leave ${source} out and use DOLPS_* variables` }],
      warnings: [],
      secrets: secretsInLayers([readEnv(input.env).values]),
    };
  }
  return resolveConfig({ ...base, file: { path: named, text } });
}

/**
 * Someone moving from the original tool runs in the directory of its conf.ini and expects it read: when a
 * required setting is missing and a conf.ini lies right here, say how to name it.
 */
function withUnreadConfNote(result: ResolveResult, input: LoadInput): ResolveResult {
  if (!('errors' in result) || !result.errors.some((e) => e.missing)) return result;
  if (!input.isFile?.(resolve(input.cwd, 'conf.ini'))) return result;
  return { ...result, notes: [...(result.notes ?? []), 'conf.ini here is not read unless named: --config conf.ini (or DOLPS_CONFIG)'] };
}
