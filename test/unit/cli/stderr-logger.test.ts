// The CLI's Logger: the level decides the word before the line and whether it shows without --verbose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stderrLogger } from '../../../src/cli/stderr-logger.js';
import type { Io } from '../../../src/cli/io.js';

function fakeIo(): Io & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines, out: () => assert.fail('diagnostics never go to stdout'), err: (line) => lines.push(line),
    setRedactor: () => {}, redact: (text) => text, flush: async () => {},
  };
}

describe('stderrLogger', () => {
  it('writes warnings as "warning: …" and hides debug lines without --verbose', () => {
    const io = fakeIo();
    const logger = stderrLogger(io, { verbose: false });
    logger.debug('GET resources/list -> HTTP 200 (3 ms)');
    logger.warn('metadata database x: refused; using the API instead');
    logger.note('a note');
    logger.info('connected');
    assert.deepEqual(io.lines, ['warning: metadata database x: refused; using the API instead', 'note: a note', 'connected']);
  });

  it('shows debug lines as they are with --verbose', () => {
    const io = fakeIo();
    stderrLogger(io, { verbose: true }).debug('GET resources/list -> HTTP 200 (3 ms)');
    assert.deepEqual(io.lines, ['GET resources/list -> HTTP 200 (3 ms)']);
  });
});
