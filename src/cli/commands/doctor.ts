// `dolps-sync doctor`: the same configuration as sync, then one line per check on stdout.
// Exit 0 when every check passed or was skipped, 1 when one failed, 2 when the configuration is invalid.
import { configurationCheck, renderCheck, runDoctor, type CheckResult } from '../../app/doctor.js';
import { collectingLogger, silentLogger } from '../../core/logger.js';
import type { DoctorArgs } from '../command-options.js';
import { EXIT } from '../exit-codes.js';
import { ConfigFailure, loadConfigFor, type Runtime } from '../runtime.js';
import { stderrLogger } from '../stderr-logger.js';

export async function runDoctorCommand(argv: DoctorArgs, runtime: Runtime): Promise<number> {
  const { io } = runtime;
  // The configuration's warnings belong under its check, not scattered on stderr.
  const collected = collectingLogger();
  const warnings = () => collected.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
  let config;
  try {
    config = loadConfigFor({ ...argv, verbose: false }, runtime, collected);
  } catch (error) {
    if (!(error instanceof ConfigFailure)) throw error;
    for (const line of error.lines) io.out(renderCheck({ status: 'FAIL', check: 'configuration', detail: line })[0] ?? '');
    for (const warning of warnings()) io.out(`       warning: ${warning}`);
    io.out('skip every other check: fix the configuration first');
    return EXIT.usage;
  }
  const logger = argv.verbose ? stderrLogger(io, { verbose: true }) : silentLogger;
  const results: CheckResult[] = [configurationCheck(config, warnings()), ...await runDoctor(config, { logger })];
  for (const result of results) for (const line of renderCheck(result)) io.out(line);
  const failed = results.filter((r) => r.status === 'FAIL').length;
  io.out(failed === 0 ? 'all checks passed' : `${failed} check${failed === 1 ? '' : 's'} failed`);
  return failed === 0 ? EXIT.ok : EXIT.partial;
}
