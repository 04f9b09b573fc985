// Layered configuration: flags > environment (DOLPS_*) > config file > defaults. Each value keeps
// its source; every problem is collected and returned together, never one per run.
import { describeSource, locate, type ConfigError } from './errors.js';
import { ResolveContext, textOf } from './context.js';
import { readEnv, type EnvRecord } from './env.js';
import { fileBaseUrl, readFileLayer } from './file-layer.js';
import { readFlags, type ConfigFlags } from './flags.js';
import type { RawLayer, RawValue } from './layer.js';
import { resolveDb } from './resolve-db.js';
import type { SettingKey } from './schema.js';
import type { ReferencePolicy } from '../core/reference-guard.js';
import type { DriftPolicy } from '../core/drift.js';
import type { Config, Setting, UdfSettings } from './types.js';
import {
  BASE_URL_EXAMPLE, parseApi, parseBaseUrl, parseDriftPolicy, parseReferencePolicy, parseInteger, parseLocalPath, parseRemoteDir, parseUdfDir, splitGlobList, type Parsed,
} from './values.js';

export type { ConfigError } from './errors.js';
export { formatConfigError } from './errors.js';
export type { ConfigFlags } from './flags.js';

export interface ResolveInput {
  flags: ConfigFlags;
  env: EnvRecord;
  file?: { path: string; text: string };
  cwd: string;
  isDirectory(path: string): boolean;
}

/**
 * `notes` are information, not problems (an all-empty [db], an unread conf.ini nearby). `secrets` holds every
 * secret value any layer gave (token, passwords), valid or not, winning or not: the caller installs the
 * redactor with them before printing the first warning or error.
 */
export type ResolveResult =
  | { config: Config; warnings: string[]; notes?: string[]; secrets: string[] }
  | { errors: ConfigError[]; warnings: string[]; notes?: string[]; secrets: string[] };

const SECRET_KEYS: readonly SettingKey[] = ['token', 'password', 'dbPassword'];

export function secretsInLayers(layers: readonly RawLayer[]): string[] {
  return layers.flatMap((layer) => SECRET_KEYS.map((key) => layer[key]))
    .flatMap((raw) => (raw === undefined ? [] : [textOf(raw)]))
    .filter((text) => text.trim() !== '');
}

export const DEFAULTS = { api: 'auto', timeoutSeconds: 30, concurrency: 8, retries: 3 } as const;

export function resolveConfig(input: ResolveInput): ResolveResult {
  const flags = readFlags(input.flags);
  const env = readEnv(input.env);
  const file = input.file ? readFileLayer(input.file, input.cwd) : undefined;
  const ctx = new ResolveContext([flags.values, env.values, file?.values ?? {}], file, input.cwd);
  ctx.errors.push(...flags.errors, ...(file?.errors ?? []));
  ctx.warnings.push(...env.warnings, ...(file?.warnings ?? []));
  const secrets = secretsInLayers([env.values, file?.values ?? {}]);

  const baseUrl = resolveBaseUrl(ctx);
  const auth = resolveAuth(ctx);
  const api = withDefault(ctx, 'api', DEFAULTS.api, parseApi);
  const remoteDir = resolveRemoteDir(ctx);
  const tenant = plain(ctx.pick('tenant'));
  const localDir = resolveLocalDir(ctx, input.isDirectory);
  const logRaw = ctx.pick('logDir');
  const logDir = logRaw ? ctx.settle(logRaw, parseLocalPath(textOf(logRaw), ctx.baseDirOf(logRaw))) : undefined;
  const excludes = resolveExcludes(ctx);
  const timeout = withDefault(ctx, 'timeout', DEFAULTS.timeoutSeconds, (t) => parseInteger(t, 1, 3600, 'seconds'));
  const concurrency = withDefault(ctx, 'concurrency', DEFAULTS.concurrency, (t) => parseInteger(t, 1, 32, 'operations'));
  const retries = withDefault(ctx, 'retries', DEFAULTS.retries, (t) => parseInteger(t, 0, 10, 'retries'));
  const db = resolveDb(ctx);
  const udf = resolveUdf(ctx, remoteDir);
  const references = withDefault(ctx, 'references', 'refuse' as ReferencePolicy, parseReferencePolicy);
  const onDrift = withDefault(ctx, 'onDrift', 'overwrite' as DriftPolicy, parseDriftPolicy);

  const notes = ctx.notes.length > 0 ? { notes: ctx.notes } : {};
  if (ctx.errors.length > 0 || !baseUrl || !auth || !api || !remoteDir || !localDir || !timeout || !concurrency || !retries) {
    return { errors: ctx.errors, warnings: ctx.warnings, ...notes, secrets };
  }
  const config: Config = {
    baseUrl, ...auth, api, remoteDir, localDir, excludes,
    timeoutMs: { value: timeout.value * 1000, source: timeout.source },
    concurrency, retries, ...(references ? { references } : {}), ...(onDrift ? { onDrift } : {}),
    ...(tenant ? { tenant } : {}), ...(logDir ? { logDir } : {}), ...(db ? { db } : {}), ...(udf ? { udf } : {}),
    ...(file ? { file: file.file } : {}),
  };
  return { config, warnings: ctx.warnings, ...notes, secrets };
}

function plain(raw: RawValue | undefined): Setting<string> | undefined {
  return raw ? { value: textOf(raw), source: raw.source } : undefined;
}

function withDefault<T>(ctx: ResolveContext, key: SettingKey, fallback: T, parse: (text: string) => Parsed<T>): Setting<T> | undefined {
  const raw = ctx.pick(key);
  return raw ? ctx.settle(raw, parse(textOf(raw))) : { value: fallback, source: { kind: 'default' } };
}

function resolveBaseUrl(ctx: ResolveContext): Setting<string> | undefined {
  let raw = ctx.pick('url');
  if (!raw && ctx.file) {
    const fromFile = fileBaseUrl(ctx.file);
    ctx.errors.push(...fromFile.errors);
    ctx.warnings.push(...fromFile.warnings);
    if (fromFile.errors.length > 0) return undefined;
    raw = fromFile.raw;
  }
  if (!raw) {
    ctx.missing('url', 'the DolphinScheduler URL is not set', `set DOLPS_URL, --url or [url] base ${ctx.inFile}, e.g. ${BASE_URL_EXAMPLE}`);
    return undefined;
  }
  const parsed = parseBaseUrl(textOf(raw));
  return ctx.settle(raw, parsed.ok ? { ok: true, value: parsed.value.base } : parsed);
}

type Auth = Pick<Config, 'token' | 'user' | 'password'>;

/** A token, or a user and password for a login session. With both, the token is used. */
function resolveAuth(ctx: ResolveContext): Auth | undefined {
  const token = plain(ctx.pick('token'));
  const user = plain(ctx.pick('user'));
  const password = plain(ctx.pick('password'));
  if (!token && !password) {
    ctx.missing('token', 'no access token (or user and password) is set',
      `set DOLPS_TOKEN (e.g. a CI secret variable) or [dolps] token ${ctx.inFile}; or DOLPS_USER and DOLPS_PASSWORD to log in`);
    return undefined;
  }
  if (!token && password && !user) {
    ctx.missing('user', 'a password is set but no user to log in as', `set DOLPS_USER, --user or [dolps] user_name ${ctx.inFile}`);
    return undefined;
  }
  if (token && password) {
    ctx.warnings.push(`both a token (${describeSource(token.source)}) and a password (${describeSource(password.source)}) are set; `
      + 'the token is used; remove the password');
  }
  return { ...(token ? { token } : {}), ...(user ? { user } : {}), ...(password ? { password } : {}) };
}

/**
 * Required, with no default: a sync makes the remote directory match the local tree, deletes
 * included, so a forgotten setting must not silently mean "/" (the whole Resource Center). The
 * original tool required [dolps] src_dir as well.
 */
function resolveRemoteDir(ctx: ResolveContext): Setting<string> | undefined {
  const raw = ctx.pick('remoteDir');
  if (raw) return ctx.settle(raw, parseRemoteDir(textOf(raw)));
  ctx.missing('remoteDir', 'the Resource Center directory to sync into is not set',
    `set DOLPS_REMOTE_DIR, --remote-dir or [dolps] src_dir ${ctx.inFile}, e.g. /gitlab (write / for the whole Resource Center)`);
  return undefined;
}

/**
 * [udf] dir turns UDF handling on; [udf] remote_dir alone is a mistake (it would do nothing). The
 * UDF tree is a tree of its own, so its default is the file tree's remote root path.
 */
function resolveUdf(ctx: ResolveContext, remoteDir: Setting<string> | undefined): UdfSettings | undefined {
  const dirRaw = ctx.pick('udfDir');
  const remoteRaw = ctx.pick('udfRemoteDir');
  if (!dirRaw) {
    if (remoteRaw) {
      ctx.errors.push({ ...locate(remoteRaw.source), message: 'the UDF remote directory is set but the local UDF folder is not',
        fix: `set DOLPS_UDF_DIR, --udf-dir or [udf] dir ${ctx.inFile} (e.g. udf), or remove it` });
    }
    return undefined;
  }
  const dir = ctx.settle(dirRaw, parseUdfDir(textOf(dirRaw)));
  const remote = remoteRaw ? ctx.settle(remoteRaw, parseRemoteDir(textOf(remoteRaw)))
    : remoteDir && { value: remoteDir.value, source: { kind: 'default' as const } };
  return dir && remote ? { dir, remoteDir: remote } : undefined;
}

function resolveLocalDir(ctx: ResolveContext, isDirectory: (path: string) => boolean): Setting<string> | undefined {
  const raw = ctx.pick('localDir') ?? { value: ctx.cwd, source: { kind: 'default' } };
  const dir = ctx.settle(raw, parseLocalPath(textOf(raw), ctx.baseDirOf(raw)));
  if (!dir || isDirectory(dir.value)) return dir;
  const written = textOf(raw) === dir.value ? '' : ` (${JSON.stringify(textOf(raw))} resolved against ${ctx.baseDirOf(raw)})`;
  return ctx.settle(raw, { ok: false, message: `${JSON.stringify(dir.value)}${written} does not exist or is not a directory`,
    fix: 'point it at the directory to sync (the repository or a folder in it)' });
}

/** A later layer replaces the excludes of an earlier one; lists are not merged. */
function resolveExcludes(ctx: ResolveContext): Setting<string[]> {
  const raw = ctx.pick('exclude');
  if (!raw) return { value: [], source: { kind: 'default' } };
  const value = typeof raw.value === 'string' ? splitGlobList(raw.value) : [...raw.value];
  return { value, source: raw.source };
}
