// How drift reaches the reader (issue 12): the summary line counts it, --json lists it at the top level,
// --report has a Drift section, status lists every drifted file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncReport } from '../../../src/app/sync.js';
import { driftLines } from '../../../src/cli/commands/status.js';
import { reportJson, summaryLine } from '../../../src/cli/render.js';
import { DRIFT_SECTION } from '../../../src/cli/report-drift.js';
import { reportMarkdown } from '../../../src/cli/report-markdown.js';
import type { OperationResult } from '../../../src/core/operation.js';
import { summarize } from '../../../src/core/summarize.js';

const results: OperationResult[] = [{ operation: { op: 'update', path: 'a|b.sh', file: { path: 'a|b.sh', size: 1, id: { kind: 'git-blob', hex: 'ab' } } }, ok: true }];
const report = (drift?: string[]): SyncReport => ({
  from: '1'.repeat(40), to: '2'.repeat(40), base: { commit: '1'.repeat(40), reason: 'marker', markerCommit: '1'.repeat(40) },
  dryRun: false, mode: 'incremental', server: 'fake', listing: 'API', notes: [], results, summary: summarize(results), markerWritten: true,
  ...(drift ? { drift } : {}),
});

describe('drift in the output', () => {
  it('the summary line counts drift; nothing is said without it', () => {
    assert.equal(summaryLine(report(['a|b.sh']), 0.4), 'synced 111111111111..222222222222 (incremental): 1 file updated, 1 drifted in 0.4 s');
    assert.equal(summaryLine(report([]), 0.4), 'synced 111111111111..222222222222 (incremental): 1 file updated in 0.4 s');
  });

  it('--json has a top-level "drift" list, empty when there is none (and for a preview)', () => {
    assert.deepEqual((JSON.parse(reportJson(report(['a|b.sh']))) as { drift: string[] }).drift, ['a|b.sh']);
    assert.deepEqual((JSON.parse(reportJson(report())) as { drift: string[] }).drift, []);
  });

  it('--report: a Drift section with each path, safe in Markdown; none without drift', () => {
    const text = reportMarkdown(report(['a|b.sh']), 1, [DRIFT_SECTION]);
    assert.match(text, /### Drift\n\n1 managed file was changed on the server since the last sync; the server's versions were backed up in log_dir \(when set\) before this run replaced them:\n\n- a\\\|b\.sh\n/);
    assert.doesNotMatch(reportMarkdown(report([]), 1, [DRIFT_SECTION]), /Drift/);
  });

  it('status: one line saying what drift means, then each path', () => {
    assert.deepEqual(driftLines([]), []);
    assert.deepEqual(driftLines(['x.sh', 'd/y.sql']), [
      'drift: 2 managed files changed on the server since the last sync (a sync overwrites them after a backup in log_dir; --on-drift=fail stops instead):',
      '  x.sh', '  d/y.sql',
    ]);
  });
});
