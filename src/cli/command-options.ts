// Each command's own options, examples and the environment it reads, as data. yargs is built from these
// tables (command-line.ts), the strict check reads them, and each command's argv type is inferred from
// them: a renamed flag fails to compile where it is read.
import type { Options } from 'yargs';
import { GENERATIONS } from '../core/capabilities.js';
import { HOOK_KINDS, type HookKind } from '../hooks/hook-script.js';
import type { ArgsOf, ConfigArgs } from './config-options.js';

export const SYNC_OPTIONS = {
  repo: { type: 'string', describe: 'the git repository (default: the one holding the local directory); it never changes which directory is synced' },
  from: { type: 'string', describe: 'diff from this commit instead of the marker on the server' },
  to: { type: 'string', default: 'HEAD', describe: 'commit to make the Resource Center equal to' },
  'dry-run': { type: 'boolean', alias: 'n', default: false, describe: 'print the plan; make no write request' },
  json: { type: 'boolean', default: false, describe: 'print exactly one JSON object on stdout' },
  full: { type: 'boolean', default: false, describe: 'reconcile the whole tree against the remote listing' },
  prune: { type: 'boolean', default: false, describe: 'with a full reconcile, delete remote files git does not have' },
  'prune-root': { type: 'boolean', default: false, describe: 'let --prune delete at the remote root / (every file in the Resource Center this commit does not have)' },
  'max-delete': { type: 'string', describe: 'refuse a plan deleting more than N files or P% of the managed files (default 50% when more than 10)' },
  adopt: { type: 'boolean', default: false, describe: 'take over a remote root whose marker another repository wrote' },
  force: { type: 'boolean', default: false, describe: 'sync even when the server holds newer work than the target (a commit behind it, or not pulled)' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'print nothing when there is nothing to change (for hooks)' },
  preview: { type: 'boolean', default: false, describe: 'merge-request preview (implies --dry-run): the change from the merge base with --base to --to, laid on the server as it is; never a reconcile of the branch' },
  report: { type: 'string', describe: 'also write a Markdown report (counts, operations, skipped files) to this file; appended when it is $GITHUB_STEP_SUMMARY' },
  base: { type: 'string', describe: 'with --preview: the target branch or commit (default: CI_MERGE_REQUEST_TARGET_BRANCH_SHA, CI_MERGE_REQUEST_DIFF_BASE_SHA, GITHUB_BASE_SHA, else origin/HEAD, origin/main, origin/master, main, master)' },
  wait: { type: 'number', default: 60, describe: 'seconds to wait for another run\'s lease on the remote root before exiting with 4' },
  'force-unlock': { type: 'boolean', default: false, describe: 'remove the lease another run left on the remote root (only when that run is gone)' },
} as const satisfies Record<string, Options>;
export type SyncArgs = ConfigArgs & ArgsOf<typeof SYNC_OPTIONS>;

export const SYNC_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync sync -n', 'show what would change; no write request'],
  ['dolps-sync sync --to "$CI_COMMIT_SHA" --log-dir "$CI_PROJECT_DIR/dolps-log"', 'in a CI job on push (DOLPS_TOKEN from a masked CI variable)'],
  ['dolps-sync sync --config /etc/dolps/conf.ini --repo .', 'the repository here; [resource_file] src_dir chooses what in it is synced'],
  ['dolps-sync sync --to HEAD --quiet', 'in a post-commit hook: silent when nothing under the local directory changed'],
  ['dolps-sync sync --preview --to "$CI_COMMIT_SHA"', 'in a merge-request pipeline: what merging would change (base from CI_MERGE_REQUEST_DIFF_BASE_SHA)'],
];

export const WATCH_POSITIONAL = { type: 'string', describe: 'the local directory to watch and upload (instead of --local-dir)' } as const satisfies Options;
export const WATCH_OPTIONS = {
  debounce: { type: 'number', default: 300, describe: 'milliseconds of quiet before a changed path is uploaded' },
  state: { type: 'string', describe: 'manifest file (default: under log_dir, else ~/.local/state/dolps-sync)' },
  json: { type: 'boolean', default: false, describe: 'one JSON object per line for each operation' },
  'max-delete': SYNC_OPTIONS['max-delete'],
  'max-pause': { type: 'number', default: 300, describe: 'seconds a pause may last (root gone, replaced or emptied, too many deletes; nothing is written meanwhile) before watch exits with 2' },
} as const satisfies Record<string, Options>;
export type WatchArgs = ConfigArgs & ArgsOf<typeof WATCH_OPTIONS> & { dir?: string };

export const WATCH_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync watch /data/resources --log-dir /var/log/dolps-watch', 'upload every change under /data/resources, with backups'],
  ['DOLPS_CONFIG=/etc/dolps-sync/conf.ini dolps-sync watch /data/resources', 'as a systemd service (ExecStart=); SIGTERM stops it cleanly'],
];

export const STATUS_OPTIONS = {
  repo: SYNC_OPTIONS.repo,
  to: { type: 'string', default: 'HEAD', describe: 'the commit a sync would make the Resource Center equal to' },
} as const satisfies Record<string, Options>;
export type StatusArgs = ConfigArgs & ArgsOf<typeof STATUS_OPTIONS>;

export const STATUS_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync status', 'the marker on the server, the commits since it, and what `sync` would do; nothing is written'],
];

export const DOCTOR_OPTIONS = {} as const satisfies Record<string, Options>;
export type DoctorArgs = ConfigArgs;

export const DOCTOR_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync doctor --config /etc/dolps/conf.ini', 'check the file, the server, the token, the tenant and [db]'],
  ['DOLPS_URL=http://ds-host:12345/dolphinscheduler DOLPS_REMOTE_DIR=/gitlab dolps-sync doctor -v', 'with DOLPS_TOKEN set: each setting and where it came from'],
];

export const REFS_POSITIONAL = { type: 'string', array: true, describe: 'remote files, relative to the remote root (a.sh, jars/etl.jar)' } as const satisfies Options;
export const REFS_OPTIONS = {
  json: { type: 'boolean', default: false, describe: 'print one JSON object: each path with its usedBy list' },
} as const satisfies Record<string, Options>;
export type RefsArgs = ConfigArgs & ArgsOf<typeof REFS_OPTIONS> & { paths?: string[] };

export const REFS_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync refs scripts/load.sh jars/etl.jar', 'which tasks of which workflows use these files; reads only'],
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

export const HOOK_POSITIONAL = { choices: HOOK_KINDS, default: 'post-commit' as const, describe: 'which git hook' } as const satisfies Options;
export const INSTALL_HOOK_OPTIONS = {
  background: { type: 'boolean', default: false, describe: 'detach the sync; its output goes to <git dir>/dolps-sync-hook.log' },
  'local-dir': { type: 'string', describe: 'the local root whose changes trigger a sync (default: DOLPS_LOCAL_DIR, else the whole repository)' },
  config: { type: 'string', describe: 'conf.ini the hook uses when DOLPS_CONFIG is not set (stored as an absolute path)' },
  repo: { type: 'string', describe: 'the repository (default: the one holding the current directory)' },
} as const satisfies Record<string, Options>;
export type InstallHookArgs = ArgsOf<typeof INSTALL_HOOK_OPTIONS> & { hook: HookKind };

export const INSTALL_HOOK_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync install-hook', 'sync after each commit that changes something under the local root'],
  ['dolps-sync install-hook post-merge --background --config /etc/dolps/conf.ini', 'after each pull or merge, in the background'],
];

export const UNINSTALL_HOOK_OPTIONS = {
  repo: INSTALL_HOOK_OPTIONS.repo,
} as const satisfies Record<string, Options>;
export type UninstallHookArgs = ArgsOf<typeof UNINSTALL_HOOK_OPTIONS> & { hook: HookKind };

export const UNINSTALL_HOOK_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync uninstall-hook post-commit', 'remove the hook; the hook it chained, if any, is put back'],
];

export const INIT_OPTIONS = {
  dir: { type: 'string', describe: 'where to write conf.ini and .dolpsignore (default: the current directory)' },
} as const satisfies Record<string, Options>;
export type InitArgs = ArgsOf<typeof INIT_OPTIONS>;

export const INIT_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['dolps-sync init', 'a commented conf.ini and a .dolpsignore here; an existing file is never overwritten'],
];
