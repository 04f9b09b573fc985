// Output channels. Everything printed goes through the redactor, so a secret can never reach a terminal
// or a CI log, whatever the message.
import type { Writable } from 'node:stream';
import { maskUrls } from '../config/redact.js';

export interface Io {
  /** Results: operation lines, the summary, the JSON object. */
  out(line: string): void;
  /** Diagnostics: notes, warnings, errors. */
  err(line: string): void;
  setRedactor(redact: (text: string) => string): void;
  /** The current redactor, for anything written elsewhere (the operation log). */
  redact(text: string): string;
  /** Resolves once everything written has been handed to the OS. */
  flush(): Promise<void>;
}

export function createIo(stdout: Writable, stderr: Writable): Io {
  // Until the configuration names the secrets, URLs at least lose their userinfo, query and fragment.
  let redact = maskUrls;
  const drained = (stream: Writable) => new Promise<void>((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.once('drain', () => resolve());
  });
  return {
    out: (line) => void stdout.write(`${redact(line)}\n`),
    err: (line) => void stderr.write(`${redact(line)}\n`),
    setRedactor: (next) => { redact = next; },
    redact: (text) => redact(text),
    flush: async () => { await Promise.all([drained(stdout), drained(stderr)]); },
  };
}
