// Parses argv and runs one command; returns the exit code. A command runs only after the whole command
// line was read without a problem; every error is turned into words and an exit code in one table
// (error-exits.ts).
import { parseCommandLine, type Invocation } from './command-line.js';
import { describeError } from './error-exits.js';
import type { Runtime } from './runtime.js';

export async function runCli(args: string[], runtime: Runtime): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = await parseCommandLine(args, runtime.version);
  } catch (error) {
    return report(error, false, runtime);
  }
  if (invocation.kind === 'print') {
    for (const line of invocation.text.split('\n')) (invocation.code === 0 ? runtime.io.out : runtime.io.err)(line);
    return invocation.code;
  }
  const verbose = 'verbose' in invocation.argv && invocation.argv.verbose;
  return run(invocation, runtime).catch((error: unknown) => report(error, verbose, runtime));
}

/** Each command is loaded when it runs: help, version and a mistyped flag need none of the HTTP, git or database code. */
async function run(invocation: Extract<Invocation, { kind: 'run' }>, runtime: Runtime): Promise<number> {
  switch (invocation.command) {
    case 'sync': return (await import('./commands/sync.js')).runSyncCommand(invocation.argv, runtime);
    case 'apply': return (await import('./commands/apply.js')).runApplyCommand(invocation.argv, runtime);
    case 'watch': return (await import('./commands/watch.js')).runWatchCommand(invocation.argv, runtime);
    case 'doctor': return (await import('./commands/doctor.js')).runDoctorCommand(invocation.argv, runtime);
    case 'status': return (await import('./commands/status.js')).runStatusCommand(invocation.argv, runtime);
    case 'refs': return (await import('./commands/refs.js')).runRefsCommand(invocation.argv, runtime);
    case 'demo': return (await import('./commands/demo.js')).runDemoCommand(invocation.argv, runtime);
    case 'install-hook': return (await import('./commands/install-hook.js')).runInstallHookCommand(invocation.argv, runtime);
    case 'uninstall-hook': return (await import('./commands/install-hook.js')).runUninstallHookCommand(invocation.argv, runtime);
    case 'init': return (await import('./commands/init.js')).runInitCommand(invocation.argv, runtime);
  }
}

function report(error: unknown, verbose: boolean, runtime: Runtime): number {
  const { code, lines } = describeError(error, verbose);
  for (const line of lines) runtime.io.err(line);
  return code;
}
