// The real Logger of the CLI: every entry is one line on stderr (through the redactor), its level written as
// the word a reader looks for ("warning: …"); debug lines only with --verbose, progress not with --quiet.
import type { Logger } from '../core/logger.js';
import type { Io } from './io.js';
import { lineLogger, type StderrLogOptions } from './log-line.js';

export function stderrLogger(io: Io, options: StderrLogOptions): Logger {
  return lineLogger((_entry, line) => io.err(line), options);
}
