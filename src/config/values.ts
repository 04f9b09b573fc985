// Parsers for single setting values. Each returns the value or what is wrong and how to fix it;
// the caller adds where the value came from. Values named here are never secrets.
import { isAbsolute, resolve } from 'node:path';
import { GENERATIONS } from '../core/capabilities.js';
import { REFERENCE_POLICIES, type ReferencePolicy } from '../core/reference-guard.js';
import { DRIFT_POLICIES, type DriftPolicy } from '../core/drift.js';
import { maskUrl } from './redact.js';
import type { ApiChoice } from './types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; fix: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string, fix: string): Parsed<T> => ({ ok: false, message, fix });
const quote = (text: string): string => JSON.stringify(text);

export const BASE_URL_EXAMPLE = 'http://host:12345/dolphinscheduler';

/**
 * The server base: an absolute http(s) URL without trailing slash. Everything from a `/resources`
 * path segment on is cut off, so a legacy endpoint URL (…/dolphinscheduler/resources/directory)
 * gives its base; `cut` says whether that happened.
 */
export function parseBaseUrl(text: string): Parsed<{ base: string; cut: boolean }> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad(`${quote(maskUrl(text))} is not an http(s) URL`, `write it as ${BASE_URL_EXAMPLE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // `ds-host:12345/x` parses as scheme "ds-host:"; it is a host and port without http://.
    const fix = /^[^:/]+:\d+(\/|$)/.test(text) ? `add the scheme: http://${maskUrl(text)}` : `write it as ${BASE_URL_EXAMPLE}`;
    return bad(`${quote(maskUrl(text))} is not an http(s) URL`, fix);
  }
  if (url.username !== '' || url.password !== '') {
    return bad(`${quote(maskUrl(text))} contains a user name or password`,
      'remove it from the URL; DolphinScheduler takes a token (DOLPS_TOKEN) or a user and password (DOLPS_USER, DOLPS_PASSWORD)');
  }
  if (url.search !== '' || url.hash !== '') {
    return bad(`${quote(maskUrl(text))} has a query or fragment`, `write only the server base, e.g. ${BASE_URL_EXAMPLE}`);
  }
  const segments = url.pathname.split('/');
  const at = segments.indexOf('resources');
  const path = (at < 0 ? segments : segments.slice(0, at)).join('/').replace(/\/+$/, '');
  return ok({ base: `${url.protocol}//${url.host}${path}`, cut: at >= 0 });
}

/** An absolute Resource Center directory: `/gitlab`, `/a/b`, or `/` for the whole tree. */
export function parseRemoteDir(text: string): Parsed<string> {
  if (!text.startsWith('/')) {
    return bad(`${quote(text)} is not an absolute Resource Center path`, `write it with a leading slash: /${text.replace(/^\.?\/*/, '')}`);
  }
  const segments = text.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    return bad(`${quote(text)} contains ".."`, 'write the directory without ".." segments, e.g. /gitlab');
  }
  return ok(`/${segments.join('/')}`);
}

/**
 * The UDF folder: relative to the local root and inside it (not the root itself, whose other files
 * go to the file tree). Written with "/" on every system, like the paths git reports.
 */
export function parseUdfDir(text: string): Parsed<string> {
  const slashed = text.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-z]:/i.test(slashed) || slashed.startsWith('~')) {
    return bad(`${quote(text)} is not a path relative to the local root`, 'write the folder relative to the synced directory, e.g. udf');
  }
  const segments = slashed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return bad(`${quote(text)} contains ".."`, 'write a folder inside the synced directory, e.g. udf');
  if (segments.length === 0) return bad(`${quote(text)} is the local root itself`, 'name a folder inside the synced directory, e.g. udf');
  return ok(segments.join('/'));
}

/** A local path made absolute against `baseDir` (the config file's directory, or the working directory). */
export function parseLocalPath(text: string, baseDir: string): Parsed<string> {
  if (text === '~' || text.startsWith('~/')) {
    return bad(`${quote(text)} starts with ~, which is not expanded here`, 'write the full path, e.g. /home/me/repo');
  }
  return ok(isAbsolute(text) ? resolve(text) : resolve(baseDir, text));
}

export function parseInteger(text: string, min: number, max: number, unit: string): Parsed<number> {
  if (!/^\d+$/.test(text.trim())) {
    return bad(`${quote(text)} is not a whole number`, `write a whole number of ${unit} from ${min} to ${max}`);
  }
  const value = Number(text.trim());
  if (value < min || value > max) return bad(`${value} is out of range`, `write a whole number of ${unit} from ${min} to ${max}`);
  return ok(value);
}

export const API_CHOICES: readonly ApiChoice[] = ['auto', ...GENERATIONS];

/** [sync] references / --references / DOLPS_REFERENCES: what to do with a delete or move of a resource a task uses. */
export function parseReferencePolicy(text: string): Parsed<ReferencePolicy> {
  const found = REFERENCE_POLICIES.find((p) => p === text.trim().toLowerCase());
  return found ? ok(found) : bad(`${quote(text)} is not a reference policy`, `write one of ${REFERENCE_POLICIES.join(', ')} (default refuse)`);
}

/** [sync] on_drift / --on-drift / DOLPS_ON_DRIFT: what a sync does with a managed file changed on the server since the last sync. */
export function parseDriftPolicy(text: string): Parsed<DriftPolicy> {
  const found = DRIFT_POLICIES.find((p) => p === text.trim().toLowerCase());
  return found ? ok(found) : bad(`${quote(text)} is not a drift policy`, `write one of ${DRIFT_POLICIES.join(', ')} (default overwrite)`);
}

export function parseApi(text: string): Parsed<ApiChoice> {
  const value = text.trim().toLowerCase();
  const found = API_CHOICES.find((c) => c === value);
  if (found) return ok(found);
  const release = /^v?(\d+\.\d+)\.\d+/.exec(value)?.[1];
  const generation = API_CHOICES.find((c) => c !== 'auto' && c === release);
  const fix = generation
    ? `write the API generation ${generation}, not the release number, or auto`
    : `write one of ${API_CHOICES.join(', ')} (auto asks the server)`;
  return bad(`${quote(text)} is not a known API generation`, fix);
}

export function parseDbType(text: string): Parsed<'postgresql' | 'mysql'> {
  const value = text.trim().toLowerCase();
  if (value === 'postgresql' || value === 'postgres') return ok('postgresql');
  if (value === 'mysql') return ok('mysql');
  return bad(`${quote(text)} is not a supported database type`, 'write postgresql or mysql');
}

/**
 * Globs separated by commas or newlines. A comma inside braces belongs to the glob, so
 * `*.{tmp,bak}` stays one pattern.
 */
export function splitGlobList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === '\n' || (ch === ',' && depth === 0)) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
