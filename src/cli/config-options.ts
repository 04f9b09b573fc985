// The flags every command that talks to a server shares, and their mapping onto ConfigFlags.
import type { Argv } from 'yargs';
import type { ConfigFlags } from '../config/flags.js';

export function withConfigOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('config', { type: 'string', describe: 'conf.ini to read (or DOLPS_CONFIG)' })
    .option('url', { type: 'string', describe: 'server base, e.g. http://host:12345/dolphinscheduler (or DOLPS_URL)' })
    .option('api', { type: 'string', describe: 'API generation: auto, 3.0, 3.1, 3.2, 3.3 (or DOLPS_API)' })
    .option('remote-dir', { type: 'string', describe: 'remote root in the Resource Center, e.g. /gitlab (or DOLPS_REMOTE_DIR)' })
    .option('tenant', { type: 'string', describe: 'tenant code (3.2+; or DOLPS_TENANT)' })
    .option('local-dir', { type: 'string', describe: 'local directory to sync (or DOLPS_LOCAL_DIR, [resource_file] src_dir)' })
    .option('log-dir', { type: 'string', describe: 'backups of overwritten/deleted remote files and the operation log' })
    .option('exclude', { type: 'string', array: true, describe: 'exclude glob, repeatable (also .dolpsignore)' })
    .option('timeout', { type: 'number', describe: 'seconds per request (default 30)' })
    .option('concurrency', { type: 'number', describe: 'operations in flight at once (default 8)' })
    .option('retries', { type: 'number', describe: 'retries after connection errors and 5xx (default 3)' })
    .option('user', { type: 'string', describe: 'log in as this user (password from DOLPS_PASSWORD) instead of a token' })
    .option('verbose', { type: 'boolean', default: false, describe: 'print where each setting came from' });
}

/** The parsed flags: the configuration ones, plus which config file to read. */
export interface ConfigArgs extends ConfigFlags {
  config?: string;
}

export function configFlagsOf(argv: ConfigArgs): ConfigFlags {
  return {
    url: argv.url, api: argv.api, remoteDir: argv.remoteDir, tenant: argv.tenant, localDir: argv.localDir,
    logDir: argv.logDir, exclude: argv.exclude, timeout: argv.timeout, concurrency: argv.concurrency,
    retries: argv.retries, user: argv.user,
  };
}
