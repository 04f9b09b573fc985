// The command line: strict check first (argv-check.ts), then yargs for typing, defaults and help. Parsing
// only records which command was asked for; cli.ts runs it after parsing has finished without a problem,
// so a mistyped flag can never reach a handler.
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../app/errors.js';
import { checkCommandLine, describeProblem, type CommandShape, type FlagShape } from './argv-check.js';
import {
  DEMO_EXAMPLES, DEMO_OPTIONS, DOCTOR_EXAMPLES, DOCTOR_OPTIONS, STATUS_EXAMPLES, STATUS_OPTIONS, type StatusArgs, SYNC_EXAMPLES, SYNC_OPTIONS, WATCH_EXAMPLES, WATCH_OPTIONS,
  WATCH_POSITIONAL, type DemoArgs, type DoctorArgs, type SyncArgs, type WatchArgs,
  HOOK_POSITIONAL, INIT_EXAMPLES, INIT_OPTIONS, INSTALL_HOOK_EXAMPLES, INSTALL_HOOK_OPTIONS, UNINSTALL_HOOK_EXAMPLES,
  UNINSTALL_HOOK_OPTIONS, type InitArgs, type InstallHookArgs, type UninstallHookArgs,
  REFS_EXAMPLES, REFS_OPTIONS, REFS_POSITIONAL, type RefsArgs,
  APPLY_EXAMPLES, APPLY_OPTIONS, APPLY_POSITIONAL, type ApplyArgs,
} from './command-options.js';
import { CONFIG_OPTIONS, flagShapes } from './config-options.js';
import { environmentHelp, exitCodeHelp, hang } from './help-text.js';

export type Invocation =
  | { kind: 'run'; command: 'sync'; argv: SyncArgs }
  | { kind: 'run'; command: 'watch'; argv: WatchArgs }
  | { kind: 'run'; command: 'doctor'; argv: DoctorArgs }
  | { kind: 'run'; command: 'demo'; argv: DemoArgs }
  | { kind: 'run'; command: 'install-hook'; argv: InstallHookArgs }
  | { kind: 'run'; command: 'uninstall-hook'; argv: UninstallHookArgs }
  | { kind: 'run'; command: 'init'; argv: InitArgs }
  | { kind: 'run'; command: 'status'; argv: StatusArgs }
  | { kind: 'run'; command: 'refs'; argv: RefsArgs }
  | { kind: 'run'; command: 'apply'; argv: ApplyArgs }
  /** Help or the version (exit 0), or the command list when no command was named (exit 2). */
  | { kind: 'print'; text: string; code: 0 | 2 };

export const ROOT_FLAGS: FlagShape[] = [{ name: 'help', short: 'h', takesValue: false }, { name: 'version', short: 'V', takesValue: false }];

/** What each command accepts, for the strict check (and the test that checks the CI examples' commands). */
export const COMMAND_SHAPES: CommandShape[] = [
  { name: 'sync', flags: flagShapes({ ...SYNC_OPTIONS, ...CONFIG_OPTIONS }), positionals: 0 },
  { name: 'apply', flags: flagShapes({ ...APPLY_OPTIONS, ...CONFIG_OPTIONS }), positionals: 1 },
  { name: 'watch', flags: flagShapes({ ...WATCH_OPTIONS, ...CONFIG_OPTIONS }), positionals: 1 },
  { name: 'doctor', flags: flagShapes({ ...DOCTOR_OPTIONS, ...CONFIG_OPTIONS }), positionals: 0 },
  { name: 'refs', flags: flagShapes({ ...REFS_OPTIONS, ...CONFIG_OPTIONS }), positionals: Number.POSITIVE_INFINITY },
  { name: 'demo', flags: flagShapes(DEMO_OPTIONS), positionals: 0 },
  { name: 'install-hook', flags: flagShapes(INSTALL_HOOK_OPTIONS), positionals: 1 },
  { name: 'uninstall-hook', flags: flagShapes(UNINSTALL_HOOK_OPTIONS), positionals: 1 },
  { name: 'init', flags: flagShapes(INIT_OPTIONS), positionals: 0 },
  { name: 'status', flags: flagShapes({ ...STATUS_OPTIONS, ...CONFIG_OPTIONS }), positionals: 0 },
];

export const COMMAND_NAMES = COMMAND_SHAPES.map((c) => c.name);

export async function parseCommandLine(args: readonly string[], version: string): Promise<Invocation> {
  const problem = checkCommandLine(args, COMMAND_SHAPES, ROOT_FLAGS);
  if (problem?.kind === 'noCommand') return { kind: 'print', text: await yargsOutput(['--help'], version), code: 2 };
  if (problem) {
    const command = COMMAND_NAMES.find((name) => args.includes(name));
    const { message, fix } = describeProblem(problem, `dolps-sync ${command ? `${command} ` : ''}--help`);
    throw new UsageError(message, fix);
  }
  let invocation: Invocation | undefined;
  const text = await yargsOutput(args, version, (found) => { invocation = found; });
  return invocation ?? { kind: 'print', text, code: 0 };
}

/** Runs yargs with output captured (never printed by yargs itself); a failure it finds is thrown, never shown and ignored. */
async function yargsOutput(args: readonly string[], version: string, found: (i: Invocation) => void = () => undefined): Promise<string> {
  let output = '';
  let failure: string | undefined;
  const parser = buildParser(version, found).fail((message, error) => { failure = message ?? error?.message ?? 'bad command line'; });
  skipHelpCache(parser);
  await parser.parseAsync([...args], {}, (_error, _argv, text) => { output = text; });
  if (failure !== undefined) throw new UsageError(failure, 'see dolps-sync --help');
  return output;
}

/**
 * After running a command's handler, yargs renders that command's whole help text in advance, in case the
 * handler asks for it (usage.cacheHelpMessage): some 0.2 s of CPU on every run, for a text that only
 * --help prints, and --help is rendered when asked. Nothing here shows help after a handler ran (ours only
 * record the invocation), so the advance rendering is switched off. yargs keeps this hook internal: when a
 * version no longer has it, nothing changes but the speed.
 */
function skipHelpCache(parser: Argv): void {
  const internal = parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Issue 11's watch guards, in `watch --help` as in the README's Safety section. */
const WATCH_SAFETY = 'Safety: the manifest records the directory\'s identity (device, inode and birth time of its real path), checked '
  + 'before every run and every 5 s. A directory gone, replaced (moved away and re-created, a symlink pointed elsewhere, a volume '
  + 'not mounted yet) or left without files, or a run deleting more than --max-delete, pauses the watch: nothing is written or '
  + 'deleted, it resumes by itself when the cause clears, and a pause longer than --max-pause exits with 2.';

function buildParser(version: string, found: (i: Invocation) => void): Argv {
  return yargs()
    .scriptName('dolps-sync')
    .usage('$0 <command> [options]\n\nKeep the DolphinScheduler Resource Center in step with a git repository or a directory.')
    .command('sync', 'make the Resource Center equal to a commit, replaying only what changed',
      (y) => commandOptions(y.options(SYNC_OPTIONS), SYNC_OPTIONS, SYNC_EXAMPLES),
      (argv) => found({ kind: 'run', command: 'sync', argv }))
    .command('apply <file>', 'apply a plan saved by sync --dry-run --plan-out, exactly, or refuse (exit 6) when the server changed since',
      (y) => commandOptions(y.positional('file', APPLY_POSITIONAL).options(APPLY_OPTIONS), APPLY_OPTIONS, APPLY_EXAMPLES, [],
        'Needs the same repository (the plan\'s commit, for the content) and the configuration the plan was made with.'),
      (argv) => found({ kind: 'run', command: 'apply', argv }))
    .command('watch [dir]', 'watch a directory and upload every change within a second',
      (y) => commandOptions(y.positional('dir', WATCH_POSITIONAL).options(WATCH_OPTIONS), WATCH_OPTIONS, WATCH_EXAMPLES,
        [['XDG_STATE_HOME', 'where the default manifest goes (else ~/.local/state)']], WATCH_SAFETY),
      (argv) => found({ kind: 'run', command: 'watch', argv }))
    .command('doctor', 'check the configuration, the server, the credentials and the metadata database; one line per check',
      (y) => commandOptions(y.options(DOCTOR_OPTIONS), DOCTOR_OPTIONS, DOCTOR_EXAMPLES, [],
        'Each line: ok, FAIL or skip, then the check. Exit 0 when nothing failed, 1 when a check failed, 2 when the configuration is invalid.'),
      (argv) => found({ kind: 'run', command: 'doctor', argv }))
    .command('status', 'show the marker on the server, the commits since it, and the plan a sync would apply; read-only',
      (y) => commandOptions(y.options(STATUS_OPTIONS), STATUS_OPTIONS, STATUS_EXAMPLES),
      (argv) => found({ kind: 'run', command: 'status', argv }))
    .command('refs <paths..>', 'print the workflow tasks that use the given remote files (reads only)',
      (y) => commandOptions(y.positional('paths', REFS_POSITIONAL).options(REFS_OPTIONS), REFS_OPTIONS, REFS_EXAMPLES, [],
        'Reads every task of every workflow once (the metadata database when [db] is set, else the REST API). Exit 0 when every file was found and the tasks could be read.'),
      (argv) => found({ kind: 'run', command: 'refs', argv }))
    .command('demo', 'run a real sync of a sample repository against the bundled emulator',
      (y) => y.options(DEMO_OPTIONS).example(DEMO_EXAMPLES as [string, string][]),
      (argv) => found({ kind: 'run', command: 'demo', argv }))
    .command('install-hook [hook]', 'install a git hook that syncs after commits (chains an existing hook, honours core.hooksPath)',
      (y) => y.positional('hook', HOOK_POSITIONAL).options(INSTALL_HOOK_OPTIONS).example(INSTALL_HOOK_EXAMPLES as [string, string][]),
      (argv) => found({ kind: 'run', command: 'install-hook', argv }))
    .command('uninstall-hook [hook]', 'remove the hook install-hook wrote, and put back the hook it chained',
      (y) => y.positional('hook', HOOK_POSITIONAL).options(UNINSTALL_HOOK_OPTIONS).example(UNINSTALL_HOOK_EXAMPLES as [string, string][]),
      (argv) => found({ kind: 'run', command: 'uninstall-hook', argv }))
    .command('init', 'write a commented conf.ini and a .dolpsignore; never overwrites a file',
      (y) => y.options(INIT_OPTIONS).example(INIT_EXAMPLES as [string, string][]),
      (argv) => found({ kind: 'run', command: 'init', argv }))
    .strict()
    .help('help').alias('help', 'h')
    .version('version', 'print the version', version).alias('version', 'V')
    .epilogue(`Run dolps-sync <command> --help for its options, examples and the environment it reads.\n\n${exitCodeHelp()}`)
    .exitProcess(false)
    .wrap(110);
}

function commandOptions<T>(y: Argv<T>, own: object, examples: ReadonlyArray<[string, string]>,
  env: ReadonlyArray<readonly [string, string]> = [], lead?: string) {
  return y.options(CONFIG_OPTIONS)
    .group([...Object.keys(own), 'help', 'version'], 'Options:')
    .group(Object.keys(CONFIG_OPTIONS), 'Configuration (flag > environment > --config file > default):')
    .example(examples as [string, string][])
    .epilogue([...(lead ? [hang('', lead).join('\n')] : []), environmentHelp(env), exitCodeHelp()].join('\n\n'));
}
