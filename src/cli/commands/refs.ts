// `dolps-sync refs PATH…`: who uses these remote files (issue 14), for people cleaning up by hand. It
// reads only: the listing of nothing, one scan of the tasks, each path's key.
import { openResourceCenter } from '../../app/remote-factory.js';
import { displayText } from '../../core/display-path.js';
import { describeUser, type ResourceUser } from '../../core/reference.js';
import { usageOf } from '../../references/guard.js';
import { scanDepsOf } from '../../references/open.js';
import type { RefsArgs } from '../command-options.js';
import { EXIT } from '../exit-codes.js';
import { loadConfigFor, type Runtime } from '../runtime.js';
import { stderrLogger } from '../stderr-logger.js';

export async function runRefsCommand(argv: RefsArgs, runtime: Runtime): Promise<number> {
  const { io } = runtime;
  const config = loadConfigFor({ ...argv, verbose: false }, runtime);
  const logger = stderrLogger(io, { verbose: argv.verbose });
  const center = await openResourceCenter(config, { logger });
  try {
    await center.connect();
    const paths = (argv.paths ?? []).map((p) => p.replace(/^\/+/, ''));
    const found = new Map<string, boolean>();
    for (const path of paths) found.set(path, (await center.referenceKey?.(path)) !== undefined);
    const { usage, note } = await usageOf(paths, scanDepsOf(config, center));
    logger.note(note);
    if (!usage.readable) return EXIT.partial;
    const entries = paths.map((path) => ({ path, found: found.get(path) ?? false, usedBy: usage.usersOf(path) }));
    if (argv.json) io.out(JSON.stringify({ resources: entries }));
    else for (const entry of entries) for (const line of linesOf(entry)) io.out(displayText(line));
    return entries.every((e) => e.found) ? EXIT.ok : EXIT.partial;
  } finally {
    await center.close();
  }
}

function linesOf(entry: { path: string; found: boolean; usedBy: readonly ResourceUser[] }): string[] {
  if (!entry.found) return [`${entry.path}: not found on the server`];
  if (entry.usedBy.length === 0) return [`${entry.path}: used by no task`];
  return [`${entry.path}: used by ${entry.usedBy.length} task${entry.usedBy.length === 1 ? '' : 's'}`, ...entry.usedBy.map((u) => `  ${describeUser(u)}`)];
}
