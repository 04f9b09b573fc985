// How a log entry reads on stderr: the level as a prefix where the user needs it (note:, warning:,
// error:), progress lines bare. Debug lines only with --verbose; progress not with --quiet.
import { loggerFrom, type LogEntry, type Logger, type LogLevel } from '../core/logger.js';

const PREFIX: Record<LogLevel, string> = { debug: '', info: '', note: 'note: ', warn: 'warning: ', error: 'error: ' };

export function logLine(entry: LogEntry): string {
  return `${PREFIX[entry.level]}${entry.message}`;
}

export interface StderrLogOptions {
  verbose: boolean;
  quiet?: boolean;
}

/** A Logger writing one line per entry through `write` (which redacts). */
export function lineLogger(write: (entry: LogEntry, line: string) => void, options: StderrLogOptions): Logger {
  return loggerFrom((entry) => {
    if (entry.level === 'debug' && !options.verbose) return;
    if (entry.level === 'info' && options.quiet) return;
    write(entry, logLine(entry));
  });
}
