// The flags every command that talks to a server shares, and their mapping onto ConfigFlags. The table
// is data: yargs is built from it, the strict check (argv-check.ts) reads it, and the parsed argv's type
// is inferred from it, so a renamed flag fails to compile wherever it is read.
import type { InferredOptionTypes, Options } from 'yargs';
import type { ConfigFlags } from '../config/flags.js';
import type { FlagShape } from './argv-check.js';

export const CONFIG_OPTIONS = {
  config: { type: 'string', describe: 'conf.ini to read (or DOLPS_CONFIG); a conf.ini is never read unless named' },
  url: { type: 'string', describe: 'server base, e.g. http://host:12345/dolphinscheduler (or DOLPS_URL)' },
  api: { type: 'string', describe: 'API generation: auto, 3.0, 3.1, 3.2, 3.3 (or DOLPS_API)' },
  'remote-dir': { type: 'string', describe: 'remote root in the Resource Center, e.g. /gitlab (or DOLPS_REMOTE_DIR)' },
  tenant: { type: 'string', describe: 'tenant code (3.2+; or DOLPS_TENANT)' },
  'local-dir': { type: 'string', describe: 'local directory to sync (or DOLPS_LOCAL_DIR, [resource_file] src_dir)' },
  'log-dir': { type: 'string', describe: 'backups of overwritten/deleted remote files and the operation log (or DOLPS_LOG_DIR)' },
  exclude: { type: 'string', array: true, nargs: 1, describe: 'exclude glob, repeatable (also .dolpsignore; or DOLPS_EXCLUDE)' },
  timeout: { type: 'number', describe: 'seconds per request (default 30)' },
  concurrency: { type: 'number', describe: 'operations in flight at once (default 8)' },
  retries: { type: 'number', describe: 'retries after connection errors and 5xx (default 3)' },
  user: { type: 'string', describe: 'log in as this user (password from DOLPS_PASSWORD) instead of a token' },
  references: { type: 'string', describe: 'deleting or moving a file (or deleting a UDF function) a workflow task uses: refuse (default), warn or off (or DOLPS_REFERENCES)' },
  'on-drift': { type: 'string', describe: 'a managed file changed on the server since the last sync: overwrite (default; backed up to log_dir first) or fail (exit 1 before any write; sync only: watch always overwrites; or DOLPS_ON_DRIFT)' },
  'udf-dir': { type: 'string', describe: 'folder under the local directory holding UDF jars and functions.yaml (or DOLPS_UDF_DIR; see README "UDF functions")' },
  'udf-remote-dir': { type: 'string', describe: 'where that folder goes in the UDF resource tree (default: the remote directory\'s path; or DOLPS_UDF_REMOTE_DIR)' },
  target: { type: 'string', describe: 'the [target.NAME] of the config file to use (or DOLPS_TARGET; default: the target whose branches match the branch)' },
  verbose: { type: 'boolean', alias: 'v', default: false, describe: 'print where each setting came from; a stack with an internal error' },
} as const satisfies Record<string, Options>;

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The parsed argv of an option table, as the code reads it (`dry-run` → `dryRun`), typed from the table. */
export type ArgsOf<O extends Record<string, Options>> = {
  [K in keyof InferredOptionTypes<O> as Camel<K & string>]: InferredOptionTypes<O>[K];
};

export type ConfigArgs = ArgsOf<typeof CONFIG_OPTIONS>;

export function configFlagsOf(argv: ConfigArgs & Pick<ConfigFlags, 'localDirFrom'>): ConfigFlags {
  return {
    ...(argv.localDirFrom ? { localDirFrom: argv.localDirFrom } : {}),
    url: argv.url, api: argv.api, remoteDir: argv.remoteDir, tenant: argv.tenant, localDir: argv.localDir,
    logDir: argv.logDir, exclude: argv.exclude, timeout: argv.timeout, concurrency: argv.concurrency,
    retries: argv.retries, user: argv.user, udfDir: argv.udfDir, udfRemoteDir: argv.udfRemoteDir,
    ...(argv.references === undefined ? {} : { references: argv.references }),
    ...(argv.onDrift === undefined ? {} : { onDrift: argv.onDrift }),
  };
}

/** The strict check's view of an option table. */
export function flagShapes(options: Readonly<Record<string, Options>>): FlagShape[] {
  return Object.entries(options).map(([name, o]) => ({
    name,
    ...(typeof o.alias === 'string' && o.alias.length === 1 ? { short: o.alias } : {}),
    takesValue: o.type !== 'boolean',
    ...(o.type === 'number' ? { number: true } : {}),
    ...(o.choices ? { choices: o.choices.map(String) } : {}),
  }));
}
