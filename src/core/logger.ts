// Diagnostics go through one injected Logger with levels, never through callbacks that write the
// severity into the text: a caller that needs to know what was a warning (doctor, a report) reads the
// level, never parses the line. The CLI builds the real one (stderr, redacted, --verbose/--quiet).

export type LogLevel = 'debug' | 'info' | 'note' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  message: string;
}

export interface Logger {
  /** Shown with --verbose only: HTTP retries, where a setting came from. */
  debug(message: string): void;
  /** Progress worth a line in normal output (connected to…, watching…). */
  info(message: string): void;
  /** Something the user should know about the run (a fallback, a skipped step). */
  note(message: string): void;
  /** Something is wrong but the run goes on (a [db] that cannot be used). */
  warn(message: string): void;
  error(message: string): void;
}

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'note', 'warn', 'error'];

/** A Logger from one sink function. */
export function loggerFrom(sink: (entry: LogEntry) => void): Logger {
  return {
    debug: (message) => sink({ level: 'debug', message }),
    info: (message) => sink({ level: 'info', message }),
    note: (message) => sink({ level: 'note', message }),
    warn: (message) => sink({ level: 'warn', message }),
    error: (message) => sink({ level: 'error', message }),
  };
}

export const silentLogger: Logger = loggerFrom(() => {});

/** A Logger that keeps every entry, for tests and for commands that show diagnostics under a heading (doctor). */
export function collectingLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return Object.assign(loggerFrom((entry) => entries.push(entry)), { entries });
}
