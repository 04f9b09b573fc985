// Turns a SyncReport into what the user reads: one line per operation and a summary (human), or
// exactly one JSON object on stdout (--json).
import { displayText } from '../core/display-path.js';
import type { OperationResult, Summary } from '../core/operation.js';
import type { SyncReport } from '../app/sync.js';

const WIDTH = 7;

export function operationLine(result: OperationResult): string {
  return displayText(describeOperation(result));
}

function describeOperation(result: OperationResult): string {
  const { operation: op, ok, error, notAttempted } = result;
  if (!ok) return `${notAttempted ? 'WITHHELD' : 'FAILED'}  ${error ?? `${op.op} ${op.path}`}`;
  switch (op.op) {
    case 'skip':
      return `${'skip'.padEnd(WIDTH)} ${op.path}: ${op.reason}`;
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
  return `${verb} ${range} (${report.mode}): ${counts(report.summary)} in ${seconds.toFixed(1)} s${tail}`;
}

function counts(s: Summary): string {
  return `${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${s.renamed} renamed, ${s.skipped} skipped, ${s.failed} failed`;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

export function reportJson(report: SyncReport): string {
  return JSON.stringify({
    from: report.from,
    to: report.to,
    dryRun: report.dryRun,
    mode: report.mode,
    server: report.server,
    listing: report.listing,
    notes: report.notes,
    operations: report.results.map(({ operation: op, ok, error }) => ({
      op: op.op,
      path: op.path,
      ...(op.op === 'rename' ? { from: op.from } : {}),
      ok,
      ...(op.op === 'skip' ? { reason: op.reason } : {}),
      ...(error !== undefined ? { error } : {}),
    })),
    summary: report.summary,
    markerWritten: report.markerWritten,
  });
}
