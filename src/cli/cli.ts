// Parses argv with yargs and runs one command; returns the exit code. All error kinds are turned
// into words and exit codes here, in one place.
import yargs from 'yargs';
import { UsageError } from '../app/errors.js';
import { RemoteError } from '../remote/errors.js';
import { runSyncCommand, syncOptions } from './commands/sync.js';
import { DEMO_GENERATIONS, runDemoCommand } from './commands/demo.js';
import { doctorOptions, runDoctorCommand } from './commands/doctor.js';
import { runWatchCommand, watchOptions } from './commands/watch.js';
import { EXIT, exitCodeForError } from './exit-codes.js';
import { ConfigFailure, type Runtime } from './runtime.js';

export async function runCli(args: string[], runtime: Runtime): Promise<number> {
  let code: number = EXIT.ok;
  const guard = (command: (argv: never) => Promise<number>) => async (argv: unknown) => {
    code = await command(argv as never).catch((error: unknown) => reportError(error, runtime));
  };
  const parser = yargs(args)
    .scriptName('dolps-sync')
    .usage('$0 <command> [options]\n\nKeep the DolphinScheduler Resource Center in step with a git repository.')
    .command('sync', 'make the Resource Center equal to a commit, replaying only what changed', syncOptions,
      guard((argv) => runSyncCommand(argv, runtime)))
    .command('doctor', 'check the configuration, the server, the credentials and the metadata database; one line per check', doctorOptions, guard((argv) => runDoctorCommand(argv, runtime)))
    .command('watch [dir]', 'watch a directory and upload every change within a second', watchOptions,
      guard((argv) => runWatchCommand(argv, runtime)))
    .command('demo', 'run a real sync of a sample repository against the bundled emulator', (y) => y
      .option('keep', { type: 'boolean', default: false, describe: 'keep the sample repository and emulator storage' })
      .option('api', { choices: DEMO_GENERATIONS, default: '3.1' as const, describe: 'which DolphinScheduler generation the emulator plays' }),
    guard((argv) => runDemoCommand(argv, runtime)))
    .demandCommand(1, 'name a command: sync, watch or demo')
    .strict()
    .version(runtime.version)
    .epilogue('Exit codes: 0 all applied, 1 some operations failed (the rest applied), 2 usage or configuration error, 3 server unreachable or authentication failed.')
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      runtime.io.err(`error: ${message}`);
      runtime.io.err('run dolps-sync --help for the commands and options');
      code = EXIT.usage;
    })
    .wrap(100);
  await parser.parseAsync();
  return code;
}

function reportError(error: unknown, runtime: Runtime): number {
  const { io } = runtime;
  if (error instanceof ConfigFailure) {
    for (const line of error.lines) io.err(`config error: ${line}`);
  } else if (error instanceof UsageError) {
    io.err(`error: ${error.message}${error.fix ? `; ${error.fix}` : ''}`);
  } else if (error instanceof RemoteError) {
    io.err(`error: ${error.message}`);
  } else if (error instanceof Error && error.name === 'GitError') {
    io.err(`error: ${error.message}`);
  } else {
    io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err('this is a bug in dolps-sync; please report it with the command you ran');
  }
  return error instanceof ConfigFailure ? EXIT.usage : exitCodeForError(error);
}
