// Turns a SyncReport into what the user reads: one line per operation and a summary (human), or
// exactly one JSON object on stdout (--json).
import { displayText } from '../core/display-path.js';
import type { OperationResult } from '../core/operation.js';
import type { SyncReport } from '../app/sync.js';
import { usageLines } from './render-usage.js';

const WIDTH = 7;

export function operationLine(result: OperationResult): string {
  return [describeOperation(result), ...usageLines(result.operation)].map(displayText).join('\n');
}

function describeOperation(result: OperationResult): string {
  const { operation: op, ok, error, notAttempted } = result;
  if (!ok) return `${notAttempted ? 'WITHHELD' : 'FAILED'}  ${error ?? `${op.op} ${op.path}`}`;
  switch (op.op) {
    case 'skip':
      return `${'skip'.padEnd(WIDTH)} ${op.path}: ${op.reason}`;
    case 'refuse':
      return `${'REFUSE'.padEnd(WIDTH)} ${op.reason}`;
    case 'rename':
      return `${'rename'.padEnd(WIDTH)} ${op.from} → ${op.path}${op.file ? ' (content changed)' : ''}`;
    case 'mkdir':
    case 'rmdir':
      return `${op.op.padEnd(WIDTH)} ${op.path === '' ? '(remote root)' : `${op.path}/`}`;
    default:
      return `${op.op.padEnd(WIDTH)} ${op.path}`;
  }
}

export function summaryLine(report: SyncReport, seconds: number): string {
  const range = `${report.from ? short(report.from) : '(none)'}..${short(report.to)}`;
  if (report.mode === 'up-to-date') return `up to date: the server already has ${short(report.to)}`;
  const incomplete = report.results.some((r) => !r.ok);
  const verb = report.dryRun ? 'dry run, nothing changed' : incomplete ? 'incomplete:' : 'synced';
  const tail = incomplete && !report.dryRun ? '; the marker did not move; the next run retries' : '';
  return `${verb} ${range} (${report.mode}): ${counts(report)} in ${seconds.toFixed(1)} s${tail}`;
}

/**
 * "7 files created, 3 directories created, 1 file updated": files and directories apart, so a first sync
 * of 7 files does not read as 10 things created. Zero counts are left out.
 */
export function counts(report: Pick<SyncReport, 'results' | 'summary'> & Partial<Pick<SyncReport, 'udf'>>): string {
  const applied = [...report.results, ...report.udf?.jars ?? []].filter((r) => r.ok && !r.notAttempted);
  const functions = report.summary.functions;
  const count = (op: string) => applied.filter((r) => r.operation.op === op).length;
  const parts = [
    plural(count('create'), 'file', 'created'), plural(count('mkdir'), 'directory', 'created'),
    plural(count('update'), 'file', 'updated'), plural(count('rename'), 'file', 'renamed'),
    plural(count('delete'), 'file', 'deleted'), plural(count('rmdir'), 'directory', 'deleted'),
    plural(functions?.created ?? 0, 'function', 'created'), plural(functions?.updated ?? 0, 'function', 'updated'),
    plural(functions?.deleted ?? 0, 'function', 'deleted'),
    report.summary.skipped > 0 ? `${report.summary.skipped} skipped` : '',
    report.summary.failed > 0 ? `${report.summary.failed} failed` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

function plural(n: number, noun: string, verb: string): string {
  if (n === 0) return '';
  return `${n} ${n === 1 ? noun : noun === 'directory' ? 'directories' : `${noun}s`} ${verb}`;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

/** `extra`: operations of other trees (the UDF jars and functions, udf-render.ts). */
export function reportJson(report: SyncReport, extra: readonly Record<string, unknown>[] = []): string {
  return JSON.stringify({
    from: report.from,
    to: report.to,
    dryRun: report.dryRun,
    mode: report.mode,
    server: report.server,
    listing: report.listing,
    notes: report.notes,
    operations: [...report.results.map(operationJson), ...extra],
    summary: report.summary,
    markerWritten: report.markerWritten,
  });
}

/** One operation as --json shows it, in sync's report and in watch's lines: its users (`usedBy`) included. */
export function operationJson({ operation: op, ok, error }: OperationResult): Record<string, unknown> {
  return {
    op: op.op,
    path: op.path,
    ...(op.op === 'rename' ? { from: op.from } : {}),
    ok,
    ...(op.op === 'skip' || op.op === 'refuse' ? { reason: op.reason } : {}),
    ...(op.op === 'refuse' ? { refused: op.refused } : {}),
    ...('usedBy' in op && op.usedBy !== undefined ? { usedBy: op.usedBy } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}
