// Every error class of dolps-sync mapped to an exit code and the one line the user reads, in one table.
// A unit test scans the built source for error class declarations and fails when one is missing here.
import { ServerAheadError, TooManyDeletesError, UsageError, WatchPausedError } from '../app/errors.js';
import { LeaseHeldError } from '../app/lease/errors.js';
import { DbIndexError } from '../db/port.js';
import { RemoteError } from '../remote/errors.js';
import { ContentSizeError } from '../remote/multipart.js';
import { GitError } from '../sources/git/errors.js';
import { ManifestError, watchErrorFrom, WatchError } from '../sources/watch/errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { ConfigFailure } from './runtime.js';
import { FunctionsFileInvalid } from '../udf/udf-folder.js';

interface ErrorRule<E extends Error> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type: abstract new (...args: any[]) => E;
  exit: (error: E) => ExitCode;
  lines: (error: E) => string[];
}

const rule = <E extends Error>(r: ErrorRule<E>): ErrorRule<Error> => r as unknown as ErrorRule<Error>;
const plain = (error: Error): string[] => [`error: ${error.message}`];

/** Compared by kind and code, never by message text. */
export const ERROR_RULES: readonly ErrorRule<Error>[] = [
  rule({ type: ConfigFailure, exit: () => EXIT.usage, lines: (e) => [...e.lines.map((line) => `config error: ${line}`), ...e.notes.map((n) => `note: ${n}`)] }),
  // One line per problem of functions.yaml, each naming file, line and key (udf/udf-folder.ts).
  rule({ type: FunctionsFileInvalid, exit: () => EXIT.usage, lines: (e) => [...e.message.split('\n').map((line) => `error: ${line}`), ...(e.fix ? [`note: ${e.fix}`] : [])] }),
  rule({ type: UsageError, exit: () => EXIT.usage, lines: (e) => [`error: ${e.message}${e.fix ? `; ${e.fix}` : ''}`] }),
  rule({ type: TooManyDeletesError, exit: () => EXIT.usage, lines: (e) => [`error: ${e.message}; ${e.fix}`] }),
  // A watch paused longer than --max-pause (its root gone, replaced or emptied, too many deletes): nothing deleted.
  rule({ type: WatchPausedError, exit: () => EXIT.usage, lines: (e) => [`error: ${e.message}; ${e.fix}`] }),
  rule({ type: ServerAheadError, exit: () => EXIT.serverAhead, lines: (e) => [`error: ${e.message}; ${e.fix}`] }),
  // A fatal kind, or an answer that is not the API's (a wrong base URL: 404 pages, HTML, a login redirect), ends the
  // run before anything else can work; a refusal that escapes the applier stopped the run part-way.
  rule({ type: RemoteError, exit: (e) => (e.isFatal || e.kind === 'protocol' ? EXIT.server : EXIT.partial), lines: plain }),
  rule({ type: GitError, exit: (e) => (e.code === 'commandFailed' || e.code === 'unexpectedOutput' ? EXIT.partial : EXIT.usage), lines: plain }),
  // The index falls back to the API by itself; one of these reaching the top is the database itself failing.
  rule({ type: DbIndexError, exit: (e) => (e.kind === 'query' ? EXIT.partial : e.kind === 'missing-table' ? EXIT.usage : EXIT.server), lines: plain }),
  // rootMissing, watchLimit (inotify ENOSPC: the message names sysctl fs.inotify.max_user_watches), watcherFailed (EACCES…).
  rule({ type: WatchError, exit: () => EXIT.usage, lines: plain }),
  rule({ type: ManifestError, exit: () => EXIT.usage, lines: plain }),
  rule({ type: LeaseHeldError, exit: () => EXIT.leaseHeld, lines: (e) => [`error: ${e.message}; ${e.fix}`] }),
  rule({ type: ContentSizeError, exit: () => EXIT.partial, lines: (e) => [`error: ${e.message}; run again once the file stopped changing`] }),
];

/** Node's own errors from the file system (log_dir, the state file): a path the user chose cannot be used. */
function systemErrorLine(error: Error): string[] | undefined {
  const { code, path, syscall } = error as Error & { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string' || typeof syscall !== 'string') return undefined;
  // An inotify limit that escaped the watch source unwrapped still gets the sysctl fix.
  if (code === 'ENOSPC' && syscall.startsWith('watch')) return [`error: ${watchErrorFrom(error, path).message}`];
  return [`error: ${syscall} ${path}: ${code}; check that the path exists and that this user may write there`];
}

export function describeError(error: unknown, verbose: boolean): { code: ExitCode; lines: string[] } {
  if (error instanceof Error) {
    const found = ERROR_RULES.find((r) => error instanceof r.type);
    if (found) return { code: found.exit(error), lines: found.lines(error) };
    const system = systemErrorLine(error);
    if (system) return { code: EXIT.usage, lines: system };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = verbose && error instanceof Error && error.stack ? error.stack.split('\n').slice(1).map((l) => `  ${l.trim()}`) : [];
  return {
    code: EXIT.internal,
    lines: [`internal error: ${text.split('\n')[0]}; this is a bug in dolps-sync, please report it with the command you ran${verbose ? '' : ' (-v shows the stack)'}`, ...stack],
  };
}
