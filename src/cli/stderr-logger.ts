// The real Logger of the CLI: every entry is one line on stderr (through the redactor), its level written as
// the word a reader looks for ("warning: …"); debug lines only with --verbose.
import { loggerFrom, type Logger, type LogLevel } from '../core/logger.js';
import type { Io } from './io.js';

const LABEL: Readonly<Record<LogLevel, string>> = { debug: '', info: '', note: 'note: ', warn: 'warning: ', error: 'error: ' };

export function stderrLogger(io: Io, options: { verbose: boolean }): Logger {
  return loggerFrom(({ level, message }) => {
    if (level === 'debug' && !options.verbose) return;
    io.err(`${LABEL[level]}${message}`);
  });
}
