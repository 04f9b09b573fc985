// The parts of --help that are generated from the code they describe: the environment variables (from
// config/env.ts) and the exit codes (from exit-codes.ts), so help, README and behaviour cannot drift.
import { CONFIG_ENV, ENV_NAMES } from '../config/env.js';
import type { SettingKey } from '../config/schema.js';
import { TARGET_ENV } from '../config/targets.js';
import { EXIT_MEANINGS } from './exit-codes.js';

const ENV_HELP: Readonly<Record<SettingKey, string>> = {
  token: 'access token (Security → Token Manage); there is no flag for it: a flag shows in ps and shell history',
  url: 'server base, e.g. http://ds-host:12345/dolphinscheduler',
  remoteDir: 'remote root in the Resource Center, e.g. /gitlab',
  localDir: 'local directory to sync',
  user: 'user to log in as, instead of a token',
  password: 'password for DOLPS_USER',
  api: 'API generation: auto, 3.0, 3.1, 3.2, 3.3',
  tenant: 'tenant code (3.2+)',
  logDir: 'directory for backups and the operation log',
  exclude: 'exclude globs, comma-separated',
  timeout: 'seconds per request',
  concurrency: 'operations in flight at once',
  retries: 'retries after connection errors and 5xx',
  dbType: 'metadata database (3.0/3.1): postgresql or mysql',
  dbHost: 'metadata database host',
  dbPort: 'metadata database port',
  dbUser: 'metadata database user',
  dbName: 'metadata database name',
  dbPassword: 'metadata database password',
  udfDir: 'folder under the local directory whose .jar files go to the UDF resource tree (3.0-3.2); holds functions.yaml',
  udfRemoteDir: 'UDF tree directory for it (default: the remote directory\'s path)',
  references: 'deleting or moving a file (or deleting a UDF function) a workflow task uses: refuse (default), warn or off',
  onDrift: 'a managed file changed on the server since the last sync: overwrite (default, after a backup in log_dir) or fail (sync only; watch always overwrites)',
};

/** DOLPS_TOKEN first: it is the one every user needs and the one that must never be a flag. */
export function environmentHelp(extra: ReadonlyArray<readonly [string, string]> = []): string {
  const rows: [string, string][] = (Object.keys(ENV_HELP) as SettingKey[]).map((key) => [ENV_NAMES[key], ENV_HELP[key]]);
  rows.splice(1, 0, [CONFIG_ENV, 'conf.ini to read (a conf.ini is never read unless named)'],
    [TARGET_ENV, 'the [target.NAME] of conf.ini to read (default: the target whose branches match CI_COMMIT_BRANCH, GITHUB_REF_NAME or the checked-out branch)']);
  rows.push(...extra.map(([name, text]) => [name, text] as [string, string]));
  const width = Math.max(...rows.map(([name]) => name.length));
  return ['Environment:', ...rows.flatMap(([name, text]) => hang(`  ${name.padEnd(width)}  `, text))].join('\n');
}

export function exitCodeHelp(): string {
  return ['Exit codes:', ...EXIT_MEANINGS.flatMap(([code, meaning]) => hang(`  ${String(code).padStart(2)}  `, meaning))].join('\n');
}

/** `text` wrapped at `width` columns, the first line after `lead`, the others indented under it. */
export function hang(lead: string, text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = lead;
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > width && line.trim() !== lead.trim()) {
      lines.push(line.trimEnd());
      line = ' '.repeat(lead.length);
    }
    line += line.endsWith(' ') || line === '' ? word : ` ${word}`;
  }
  lines.push(line.trimEnd());
  return lines;
}
