// The metadata database settings ([db], DOLPS_DB_*). Optional as a whole; complete when present.
import { describeSource } from './errors.js';
import { textOf, type ResolveContext } from './context.js';
import type { SettingKey } from './schema.js';
import type { DbSettings, Setting } from './types.js';
import { parseDbType, parseInteger } from './values.js';

const DEFAULT_PORT = { postgresql: 5432, mysql: 3306 } as const;

/**
 * [db] counts as present when any of type, host, port, user or database is set in any layer. The
 * original template's all-empty [db] section is therefore absent, not a list of errors.
 */
export function resolveDb(ctx: ResolveContext): DbSettings | undefined {
  const keys: SettingKey[] = ['dbType', 'dbHost', 'dbPort', 'dbUser', 'dbName'];
  const password = ctx.pick('dbPassword');
  if (!keys.some((k) => ctx.pick(k))) {
    if (password) ctx.warnings.push(`${describeSource(password.source)}: a database password is set but no database; it is not used`);
    else if (ctx.file?.blankSections.includes('db')) {
      ctx.notes.push(`${ctx.file.file} [db]: every value is empty, so no metadata database is used; listings come from the API`);
    }
    return undefined;
  }
  const typeRaw = ctx.pick('dbType');
  const type = typeRaw ? ctx.settle(typeRaw, parseDbType(textOf(typeRaw))) : undefined;
  if (!typeRaw) ctx.missing('dbType', 'the database type is not set', `set type = postgresql or mysql in [db] ${ctx.inFile}, or DOLPS_DB_TYPE`);
  const host = required(ctx, 'dbHost', 'host', 'DOLPS_DB_HOST');
  const user = required(ctx, 'dbUser', 'user', 'DOLPS_DB_USER');
  const database = required(ctx, 'dbName', 'database', 'DOLPS_DB_NAME');
  const portRaw = ctx.pick('dbPort');
  let port: Setting<number> | undefined;
  if (portRaw) port = ctx.settle(portRaw, parseInteger(textOf(portRaw), 1, 65535, 'port'));
  else if (type) port = { value: DEFAULT_PORT[type.value], source: { kind: 'default' } };
  if (!type || !host || !user || !database || !port) return undefined;
  return { type, host, port, user, database, ...(password ? { password: { value: textOf(password), source: password.source } } : {}) };
}

function required(ctx: ResolveContext, key: SettingKey, fileKey: string, envName: string): Setting<string> | undefined {
  const raw = ctx.pick(key);
  if (raw) return { value: textOf(raw), source: raw.source };
  ctx.missing(key, `the database ${fileKey} is not set`, `set ${fileKey} in [db] ${ctx.inFile}, or ${envName}`);
  return undefined;
}
