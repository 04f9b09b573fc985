// Counts for the summary line and the JSON report. Directories count with files: "created" includes
// mkdir, "deleted" includes rmdir, because each is one change on the server.
import type { OperationResult, Summary } from './operation.js';

export function summarize(results: readonly OperationResult[]): Summary {
  const summary: Summary = { created: 0, updated: 0, deleted: 0, renamed: 0, skipped: 0, failed: 0 };
  for (const { operation, ok, notAttempted } of results) {
    if (operation.op === 'skip' || notAttempted) summary.skipped++;
    else if (!ok || operation.op === 'refuse') summary.failed++;
    else if (operation.op === 'mkdir' || operation.op === 'create') summary.created++;
    else if (operation.op === 'update') summary.updated++;
    else if (operation.op === 'rename') summary.renamed++;
    else summary.deleted++;
  }
  return summary;
}

/** Every operation that was attempted succeeded (skips and withheld deletes aside: those are reported). */
export function allApplied(results: readonly OperationResult[]): boolean {
  return results.every((r) => r.ok || r.operation.op === 'skip');
}
