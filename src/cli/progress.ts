// The live progress line of a sync on a terminal: done/total, rate, ETA and the last file, redrawn in
// place with `\r`. Hand-written, no library: one line rewritten with `\r` and ESC[K is all a terminal
// needs, and a dependency would add install weight for it. Failures keep their own line (the progress
// line is cleared, the failure printed, the line redrawn). In CI, with --json, or when stdout is not a
// terminal, plain lines only, never both.
import type { OperationResult } from '../core/operation.js';
import { displayText } from '../core/display-path.js';
import { operationLine } from './render.js';
import type { Terminal } from './runtime.js';

/** Up to this many operations, the plain lines say it all. */
export const FEW_OPERATIONS = 5;
const REDRAW_MS = 100;
const CLEAR = '\r\u001b[K';

export interface ProgressFacts {
  terminal: Terminal | undefined;
  /** The CI variable is set (every major CI sets CI=true): a log, not a screen. */
  ci: boolean;
  json: boolean;
}

export type ProgressMode = { kind: 'lines' } | { kind: 'live'; terminal: Terminal };

export function progressMode(facts: ProgressFacts): ProgressMode {
  if (facts.json || facts.ci || facts.terminal === undefined) return { kind: 'lines' };
  return { kind: 'live', terminal: facts.terminal };
}

export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
  last: string;
  columns: number;
}

/** `[  12/2000]   0% 85.3/s ETA 23 s  sql/a.sql`, cut to the terminal's width. */
export function progressLine(state: ProgressState): string {
  const { done, total, elapsedMs } = state;
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const eta = rate > 0 ? `ETA ${Math.ceil((total - done) / rate)} s` : 'ETA -';
  const width = String(total).length;
  const head = `[${String(done).padStart(width)}/${total}] ${String(Math.floor((done * 100) / Math.max(total, 1))).padStart(3)}% ${rate.toFixed(1)}/s ${eta}  `;
  return (head + displayText(state.last)).slice(0, Math.max(state.columns - 1, 10));
}

export interface ProgressView {
  onPlan(total: number): void;
  onResult(result: OperationResult): void;
  /** Clears the live line before the summary (also after a thrown error). */
  finish(): void;
}

/** `printLine` prints (and redacts) a whole line on stdout; `redact` is applied to the live line too. */
export function progressView(mode: ProgressMode, clock: () => number, printLine: (line: string) => void, redact: (t: string) => string): ProgressView {
  const lines: ProgressView = { onPlan: () => undefined, onResult: (r) => printLine(operationLine(r)), finish: () => undefined };
  if (mode.kind === 'lines') return lines;
  const { terminal } = mode;
  let live = false;
  let total = 0;
  let done = 0;
  let started = 0;
  let drawnAt = -Infinity;
  let drawn = false;
  // A create the applier later finds missing (deferred proof, apply.ts confirmCreates) is reported a second
  // time, failed: it is printed, but counted once.
  const counted = new WeakSet<OperationResult['operation']>();
  const draw = (last: string) => {
    terminal.write(CLEAR + redact(progressLine({ done, total, elapsedMs: clock() - started, last, columns: terminal.columns })));
    drawn = true;
    drawnAt = clock();
  };
  return {
    onPlan(count) {
      total = count;
      live = count > FEW_OPERATIONS;
      started = clock();
    },
    onResult(result) {
      if (!live) return lines.onResult(result);
      if (!counted.has(result.operation)) done += 1;
      counted.add(result.operation);
      if (!result.ok) {
        if (drawn) terminal.write(CLEAR);
        printLine(operationLine(result));
        drawn = false;
      }
      if (!drawn || done === total || clock() - drawnAt >= REDRAW_MS) draw(result.operation.path === '' ? '(remote root)' : result.operation.path);
    },
    finish() {
      if (drawn) terminal.write(CLEAR);
      drawn = false;
    },
  };
}
