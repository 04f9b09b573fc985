// The Markdown report's Drift section (issue 12): the managed files changed on the server since the last
// sync that this run overwrote, moved or deleted (a full reconcile: all of them), each backed up first.
import type { ReportSection } from './report-markdown.js';
import { cell, MAX_OPERATION_ROWS } from './report-markdown.js';

export const DRIFT_SECTION: ReportSection = {
  title: 'Drift',
  render(report) {
    const drift = report.drift ?? [];
    if (drift.length === 0) return null;
    const what = report.dryRun ? 'a sync replaces them with the commit\'s version, after a backup in log_dir' : 'the server\'s versions were backed up in log_dir (when set) before this run replaced them';
    const rows = drift.slice(0, MAX_OPERATION_ROWS).map((path) => `- ${cell(path)}`);
    const cut = drift.length > MAX_OPERATION_ROWS ? [`- … and ${drift.length - MAX_OPERATION_ROWS} more (the full list: --json)`] : [];
    return [`${drift.length} managed file${drift.length === 1 ? ' was' : 's were'} changed on the server since the last sync; ${what}:`, '', ...rows, ...cut];
  },
};
