// Builders for config tests: an INI file from a plain object, a fake file system, and result unwrapping.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatConfigError, resolveConfig, type ConfigError, type ConfigFlags, type ResolveResult } from '../../../src/config/resolve.js';
import type { Config } from '../../../src/config/types.js';

export type IniSections = Record<string, Record<string, string>>;

export const CWD = '/work/repo';
export const FILE = '/etc/dolps/conf.ini';
/** Directories that exist in the fake file system. */
export const DIRS = new Set([CWD, '/etc/dolps', '/etc/dolps/repo', '/flag/dir', '/env/dir', '/file/dir', '/work/repo/sub', '/data/git/resources']);

/** A file that satisfies every required setting, so a test can vary one thing. */
export const MINIMAL: IniSections = {
  url: { base: 'http://file-host:12345/dolphinscheduler' },
  dolps: { token: 'file-token-0001', src_dir: '/from-file' },
};

export function iniText(sections: IniSections): string {
  return Object.entries(sections)
    .map(([name, keys]) => [`[${name}]`, ...Object.entries(keys).map(([k, v]) => `${k} = ${v}`)].join('\n'))
    .join('\n\n');
}

/** MINIMAL with some sections' keys added or replaced. */
export function withIni(overrides: IniSections): IniSections {
  const out: IniSections = structuredClone(MINIMAL);
  for (const [name, keys] of Object.entries(overrides)) out[name] = { ...(out[name] ?? {}), ...keys };
  return out;
}

export interface Case {
  flags?: ConfigFlags;
  env?: Record<string, string | undefined>;
  /** INI sections (rendered) or raw text; undefined means no config file. */
  ini?: IniSections | string;
  path?: string;
  cwd?: string;
}

export function resolveCase(c: Case): ResolveResult {
  const text = c.ini === undefined ? undefined : typeof c.ini === 'string' ? c.ini : iniText(c.ini);
  return resolveConfig({
    flags: c.flags ?? {},
    env: c.env ?? {},
    ...(text === undefined ? {} : { file: { path: c.path ?? FILE, text } }),
    cwd: c.cwd ?? CWD,
    isDirectory: (p) => DIRS.has(p),
  });
}

export function expectConfig(result: ResolveResult): { config: Config; warnings: string[] } {
  if ('errors' in result) assert.fail(`expected a config, got errors:\n${result.errors.map(formatConfigError).join('\n')}`);
  return result;
}

export function expectErrors(result: ResolveResult): ConfigError[] {
  if (!('errors' in result)) assert.fail('expected errors, got a config');
  return result.errors;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Fixture files live in the source tree (test/fixtures), not in dist. */
export function fixture(name: string): string {
  return readFileSync(join(here, '../../../../test/fixtures/conf-ini', name), 'utf8');
}
