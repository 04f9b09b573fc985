// The live progress line: drawn in place on a terminal for more than a few operations, failures kept on
// their own line, cleared before the summary; plain lines in CI, with --json or without a terminal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationResult } from '../../../src/core/operation.js';
import { FEW_OPERATIONS, progressLine, progressMode, progressView } from '../../../src/cli/progress.js';

const ok = (path: string): OperationResult => ({ operation: { op: 'delete', path }, ok: true });
const failed = (path: string): OperationResult => ({ operation: { op: 'delete', path }, ok: false, error: `delete ${path}: 10008 busy` });

function fakeTerminal() {
  const writes: string[] = [];
  return { writes, terminal: { columns: 60, write: (text: string) => void writes.push(text) } };
}

describe('progressMode', () => {
  const { terminal } = fakeTerminal();
  it('live only on a terminal, outside CI, without --json', () => {
    assert.equal(progressMode({ terminal, ci: false, json: false }).kind, 'live');
    assert.equal(progressMode({ terminal, ci: true, json: false }).kind, 'lines');
    assert.equal(progressMode({ terminal, ci: false, json: true }).kind, 'lines');
    assert.equal(progressMode({ terminal: undefined, ci: false, json: false }).kind, 'lines');
  });
});

describe('progressLine', () => {
  it('shows done/total, percent, rate, ETA and the file, cut to the width', () => {
    assert.equal(progressLine({ done: 50, total: 200, elapsedMs: 10_000, last: 'sql/a.sql', columns: 80 }), '[ 50/200]  25% 5.0/s ETA 30 s  sql/a.sql');
    assert.equal(progressLine({ done: 1, total: 9, elapsedMs: 0, last: 'a\u001bb', columns: 80 }), '[1/9]  11% 0.0/s ETA -  a\\x1bb');
    assert.equal(progressLine({ done: 1, total: 9, elapsedMs: 1000, last: 'x'.repeat(100), columns: 30 }).length, 29);
  });
});

describe('progressView', () => {
  it('on a terminal: one redrawn line, a failure on its own line, cleared at the end; never the ok lines', () => {
    const { writes, terminal } = fakeTerminal();
    const printed: string[] = [];
    let now = 0;
    const view = progressView({ kind: 'live', terminal }, () => now, (l) => printed.push(l), (t) => t);
    view.onPlan(FEW_OPERATIONS + 3);
    for (let i = 0; i < FEW_OPERATIONS + 3; i += 1) {
      now += 200;
      view.onResult(i === 2 ? failed(`f${i}`) : ok(`f${i}`));
    }
    view.finish();
    assert.deepEqual(printed, ['FAILED  delete f2: 10008 busy']);
    assert.ok(writes.every((w) => w.startsWith('\r\u001b[K')), 'every write rewrites the one line');
    assert.match(writes.at(-2) ?? '', /\[8\/8\] 100% 5\.0\/s ETA 0 s {2}f7$/);
    assert.equal(writes.at(-1), '\r\u001b[K', 'cleared before the summary');
  });

  it('a create reported again, failed after its proof (deferred creates), is printed but counted once', () => {
    const { writes, terminal } = fakeTerminal();
    const printed: string[] = [];
    let now = 0;
    const view = progressView({ kind: 'live', terminal }, () => (now += 1000), (l) => printed.push(l), (t) => t);
    const total = FEW_OPERATIONS + 2;
    view.onPlan(total);
    const first = ok('late');
    view.onResult(first);
    view.onResult({ operation: first.operation, ok: false, error: 'create late: not on the server after its write' });
    for (let i = 1; i < total; i += 1) view.onResult(ok(`f${i}`));
    assert.ok(writes.every((w) => !w.includes(`[${total + 1}/`)), 'never more done than planned');
    assert.deepEqual(printed, ['FAILED  create late: not on the server after its write']);
    assert.match(writes.at(-1) ?? '', new RegExp(`\\[${total}/${total}\\] 100%`));
  });

  it('a few operations, or no terminal: the plain operation lines only', () => {
    const { writes, terminal } = fakeTerminal();
    const printed: string[] = [];
    const view = progressView({ kind: 'live', terminal }, () => 0, (l) => printed.push(l), (t) => t);
    view.onPlan(2);
    view.onResult(ok('a'));
    view.onResult(ok('b'));
    view.finish();
    assert.deepEqual(printed, ['delete  a', 'delete  b']);
    assert.deepEqual(writes, []);
    const plain: string[] = [];
    const lines = progressView({ kind: 'lines' }, () => 0, (l) => plain.push(l), (t) => t);
    lines.onPlan(100);
    lines.onResult(ok('c'));
    assert.deepEqual(plain, ['delete  c']);
  });
});
