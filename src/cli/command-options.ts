// Each command's own options, examples and the environment it reads, as data. yargs is built from these
// tables (command-line.ts), the strict check reads them, and each command's argv type is inferred from
// them: a renamed flag fails to compile where it is read.
import type { Options } from 'yargs';
import { GENERATIONS } from '../core/capabilities.js';
import type { ArgsOf, ConfigArgs } from './config-options.js';

export const SYNC_OPTIONS = {
  repo: { type: 'string', describe: 'the git repository (default: the one holding the local directory); it never changes which directory is synced' },
  from: { type: 'string', describe: 'diff from this commit instead of the marker on the server' },
  to: { type: 'string', default: 'HEAD', describe: 'commit to make the Resource Center equal to' },
  'dry-run': { type: 'boolean', alias: 'n', default: false, describe: 'print the plan; make no write request' },
  json: { type: 'boolean', default: false, describe: 'print exactly one JSON object on stdout' },
  full: { type: 'boolean', default: false, describe: 'reconcile the whole tree against the remote listing' },
  prune: { type: 'boolean', default: false, describe: 'with a full reconcile, delete remote files git does not have' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'print nothing when there is nothing to change (for hooks)' },
  wait: { type: 'number', default: 60, describe: 'seconds to wait for another run\'s lease on the remote root before exiting with 4' },
  'force-unlock': { type: 'boolean', default: false, describe: 'remove the lease another run left on the remote root (only when that run is gone)' },
} as const satisfies Record<string, Options>;
export type SyncArgs = ConfigArgs & ArgsOf<typeof SYNC_OPTIONS>;

export const SYNC_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync sync -n', 'show what would change; no write request'],
  ['dolps-sync sync --to "$CI_COMMIT_SHA" --log-dir "$CI_PROJECT_DIR/dolps-log"', 'in a CI job on push (DOLPS_TOKEN from a masked CI variable)'],
  ['dolps-sync sync --config /etc/dolps/conf.ini --repo .', 'the repository here; [resource_file] src_dir chooses what in it is synced'],
  ['dolps-sync sync --to HEAD --quiet', 'in a post-commit hook: silent when nothing under the local directory changed'],
];

export const WATCH_POSITIONAL = { type: 'string', describe: 'the local directory to watch and upload (instead of --local-dir)' } as const satisfies Options;
export const WATCH_OPTIONS = {
  debounce: { type: 'number', default: 300, describe: 'milliseconds of quiet before a changed path is uploaded' },
  state: { type: 'string', describe: 'manifest file (default: under log_dir, else ~/.local/state/dolps-sync)' },
  json: { type: 'boolean', default: false, describe: 'one JSON object per line for each operation' },
} as const satisfies Record<string, Options>;
export type WatchArgs = ConfigArgs & ArgsOf<typeof WATCH_OPTIONS> & { dir?: string };

export const WATCH_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync watch /data/resources --log-dir /var/log/dolps-watch', 'upload every change under /data/resources, with backups'],
  ['DOLPS_CONFIG=/etc/dolps-sync/conf.ini dolps-sync watch /data/resources', 'as a systemd service (ExecStart=); SIGTERM stops it cleanly'],
];

export const DOCTOR_OPTIONS = {} as const satisfies Record<string, Options>;
export type DoctorArgs = ConfigArgs;

export const DOCTOR_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync doctor --config /etc/dolps/conf.ini', 'check the file, the server, the token, the tenant and [db]'],
  ['DOLPS_URL=http://ds-host:12345/dolphinscheduler DOLPS_REMOTE_DIR=/gitlab dolps-sync doctor -v', 'with DOLPS_TOKEN set: each setting and where it came from'],
];

/** The emulator plays every generation the registry lists (src/emulator/generations has one folder each). */
export const DEMO_GENERATIONS = GENERATIONS;
export const DEMO_OPTIONS = {
  keep: { type: 'boolean', default: false, describe: 'keep the sample repository and emulator storage' },
  api: { choices: DEMO_GENERATIONS, default: '3.1' as const, describe: 'which DolphinScheduler generation the emulator plays' },
} as const satisfies Record<string, Options>;
export type DemoArgs = ArgsOf<typeof DEMO_OPTIONS>;

export const DEMO_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync demo', 'a real sync of a sample repository against the bundled 3.1 emulator'],
  ['dolps-sync demo --api 3.3 --keep', 'the same against 3.3, keeping the files to look at'],
];
