// The Markdown report (--report FILE): counts, a table of operations, skipped files with reasons and
// the notes, for a merge-request comment, a CI artifact or $GITHUB_STEP_SUMMARY. Pure: a SyncReport in,
// text out. Other parts add their own section (drift, references) through ReportSection, never by
// editing this renderer.
import type { SyncReport } from '../app/sync.js';
import { displayText } from '../core/display-path.js';
import type { OperationResult } from '../core/operation.js';

/** A section another feature contributes (drift, references); null when it has nothing to say for this run. */
export interface ReportSection {
  title: string;
  render(report: SyncReport): string[] | null;
}

/** An MR comment is capped at 1 MB on GitLab, a step summary at 1 MiB on GitHub: a huge plan is cut. */
export const MAX_OPERATION_ROWS = 500;

export function reportMarkdown(report: SyncReport, seconds: number, sections: readonly ReportSection[] = []): string {
  const parts = [
    [`## dolps-sync: ${headline(report)}`, '', `Server: ${cell(report.server)}${report.listing ? ` (listing: ${cell(report.listing)})` : ''}`],
    countsTable(report, seconds),
    operationsTable(report.results),
    skippedTable(report.results),
    report.notes.length === 0 ? null : ['### Notes', '', ...report.notes.map((note) => `- ${cell(note)}`)],
    ...sections.map((section) => withTitle(section, report)),
  ];
  return `${parts.filter((p): p is string[] => p !== null).map((p) => p.join('\n')).join('\n\n')}\n`;
}

function headline(report: SyncReport): string {
  const range = `${report.from ? short(report.from) : '(none)'}..${short(report.to)}`;
  if (report.mode === 'up-to-date') return `up to date at ${short(report.to)}`;
  const failed = report.summary.failed > 0;
  const what = report.dryRun ? 'dry run, nothing changed' : failed ? 'incomplete, the marker did not move' : 'synced';
  return `${what}, ${range} (${report.mode})`;
}

function countsTable(report: SyncReport, seconds: number): string[] {
  const { created, updated, renamed, deleted, skipped, failed } = report.summary;
  return ['| created | updated | renamed | deleted | skipped | failed | seconds |', '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${created} | ${updated} | ${renamed} | ${deleted} | ${skipped} | ${failed} | ${seconds.toFixed(1)} |`];
}

function operationsTable(results: readonly OperationResult[]): string[] | null {
  const shown = results.filter((r) => r.operation.op !== 'skip');
  if (shown.length === 0) return null;
  const rows = shown.slice(0, MAX_OPERATION_ROWS).map(operationRow);
  const cut = shown.length > MAX_OPERATION_ROWS ? ['', `… and ${shown.length - MAX_OPERATION_ROWS} more operations (the full list: --json)`] : [];
  return ['### Operations', '', '| operation | path | result |', '|---|---|---|', ...rows, ...cut];
}

function operationRow({ operation: op, ok, error, notAttempted }: OperationResult): string {
  const path = op.op === 'rename' ? `${cell(op.from)} → ${cell(op.path)}` : cell(op.path === '' ? '(remote root)' : op.path);
  const result = ok ? 'ok' : notAttempted ? 'withheld' : `FAILED: ${cell(error ?? '')}`;
  return `| ${op.op} | ${path} | ${result} |`;
}

function skippedTable(results: readonly OperationResult[]): string[] | null {
  const skipped = results.flatMap(({ operation: op }) => (op.op === 'skip' ? [`| ${cell(op.path)} | ${cell(op.reason)} |`] : []));
  return skipped.length === 0 ? null : ['### Skipped', '', '| path | reason |', '|---|---|', ...skipped];
}

function withTitle(section: ReportSection, report: SyncReport): string[] | null {
  const lines = section.render(report);
  return lines === null ? null : [`### ${section.title}`, '', ...lines];
}

/**
 * Text safe inside a table cell: control characters escaped (displayText, which also doubles `\`), then
 * `|` (ends a cell), and `<`, `>` (GitHub would read HTML), `` ` `` and `*`, `_`, `[`, `]` (markup).
 */
export function cell(text: string): string {
  return displayText(text).replace(/[|<>`*_[\]]/g, (ch) => `\\${ch}`);
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
