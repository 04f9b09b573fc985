// Config errors carry where the bad value came from and what to do about it, so the CLI can print
// every problem at once, one line each, and map them all to exit code 2.
import type { SettingSource } from './types.js';

export interface ConfigError {
  /** The config file, as the user named it. */
  file?: string;
  section?: string;
  key?: string;
  /** Line in the file, for syntax errors that have no key to name. */
  line?: number;
  /** Where a value came from when not from the file, e.g. 'DOLPS_URL' or '--url'. */
  source?: string;
  message: string;
  fix: string;
  /** A required setting is set nowhere (rather than set wrong). */
  missing?: boolean;
}

/** `conf.ini [url] base: "htp:/x" is not an http(s) URL; fix: write it as http://host:12345/dolphinscheduler` */
export function formatConfigError(e: ConfigError): string {
  return `${whereOf(e)}: ${e.message}; fix: ${e.fix}`;
}

function whereOf(e: ConfigError): string {
  if (e.file !== undefined) {
    const file = e.line === undefined ? e.file : `${e.file}:${e.line}`;
    if (e.section === undefined) return file;
    return e.key === undefined ? `${file} [${e.section}]` : `${file} [${e.section}] ${e.key}`;
  }
  return e.source ?? 'configuration';
}

/** How a value's origin reads in messages: `--url`, `DOLPS_URL`, `conf.ini [url] base`, `default`. */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case 'flag': return source.name;
    case 'env': return source.name;
    case 'file': return `${source.file} [${source.section}] ${source.key}`;
    case 'default': return source.detail ? `default: ${source.detail}` : 'default';
  }
}

/** The error's location fields for a value from `source`. */
export function locate(source: SettingSource): Pick<ConfigError, 'file' | 'section' | 'key' | 'source'> {
  if (source.kind === 'file') return { file: source.file, section: source.section, key: source.key };
  if (source.kind === 'default') return { source: 'default' };
  return { source: source.name };
}
