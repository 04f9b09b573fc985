// The --report Markdown, golden: a fixed report renders to exactly this text; a `|` or a control
// character in a path cannot break the table or reach the reader raw.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SyncReport } from '../../../src/app/sync.js';
import type { OperationResult } from '../../../src/core/operation.js';
import { summarize } from '../../../src/core/summarize.js';
import { writeReportFile } from '../../../src/cli/report-file.js';
import { cell, MAX_OPERATION_ROWS, reportMarkdown } from '../../../src/cli/report-markdown.js';

const file = (path: string) => ({ path, size: 3, id: { kind: 'git-blob' as const, hex: 'ab' } });
const results: OperationResult[] = [
  { operation: { op: 'mkdir', path: 'sql' }, ok: true },
  { operation: { op: 'create', path: 'sql/a|b.sql', file: file('sql/a|b.sql') }, ok: true },
  { operation: { op: 'update', path: 'bell\u0007\nname.sh', file: file('bell\u0007\nname.sh') }, ok: false, error: 'update bell: 10008 <busy>' },
  { operation: { op: 'delete', path: 'old/x.sh' }, ok: false, notAttempted: true },
  { operation: { op: 'skip', path: 'Makefile', reason: 'file has no extension' }, ok: true },
] as OperationResult[];

function fixedReport(rest: Partial<SyncReport> = {}): SyncReport {
  return {
    from: '1111111111111111111111111111111111111111', to: '2222222222222222222222222222222222222222',
    base: { commit: '1111111111111111111111111111111111111111', reason: 'marker', markerCommit: '1111111111111111111111111111111111111111' },
    dryRun: false, mode: 'incremental', server: 'DolphinScheduler 3.1 at http://ds:12345/dolphinscheduler', listing: 'API',
    notes: ['the marker is *old*'], results, summary: summarize(results), markerWritten: false, ...rest,
  };
}

const GOLDEN = `## dolps-sync: incomplete, the marker did not move, 111111111111..222222222222 (incremental)

Server: DolphinScheduler 3.1 at http://ds:12345/dolphinscheduler (listing: API)

| created | updated | renamed | deleted | skipped | failed | seconds |
|---:|---:|---:|---:|---:|---:|---:|
| 2 | 0 | 0 | 0 | 2 | 1 | 2.5 |

### Operations

| operation | path | result |
|---|---|---|
| mkdir | sql | ok |
| create | sql/a\\|b.sql | ok |
| update | bell\\x07\\nname.sh | FAILED: update bell: 10008 \\<busy\\> |
| delete | old/x.sh | withheld |

### Skipped

| path | reason |
|---|---|
| Makefile | file has no extension |

### Notes

- the marker is \\*old\\*

### Drift

- sql/a.sql changed on the server
`;

describe('reportMarkdown', () => {
  it('renders a fixed report to exactly the golden text, with the extension section last', () => {
    const drift = { title: 'Drift', render: () => ['- sql/a.sql changed on the server'] };
    const none = { title: 'References', render: () => null };
    assert.equal(reportMarkdown(fixedReport(), 2.5, [drift, none]), GOLDEN);
  });

  it('escapes | and control characters so a path cannot end a cell or move the cursor', () => {
    assert.equal(cell('a|b'), 'a\\|b');
    assert.equal(cell('x\u001b[2Jy'), 'x\\x1b\\[2Jy');
    // eslint-disable-next-line no-control-regex -- a raw control character in the output is what must not happen
    assert.doesNotMatch(reportMarkdown(fixedReport(), 0), /[\u0000-\u0008\u000b-\u001f]/);
  });

  it('cuts a huge plan and says how many more', () => {
    const many = Array.from({ length: MAX_OPERATION_ROWS + 3 }, (_, i) => ({ operation: { op: 'delete', path: `f${i}` }, ok: true })) as OperationResult[];
    const text = reportMarkdown(fixedReport({ results: many, summary: summarize(many), dryRun: true }), 0);
    assert.equal(text.split('\n').filter((l) => l.startsWith('| delete |')).length, MAX_OPERATION_ROWS);
    assert.match(text, /… and 3 more operations/);
    assert.match(text, /^## dolps-sync: dry run, nothing changed, /);
  });
});

describe('writeReportFile', () => {
  it('appends to $GITHUB_STEP_SUMMARY, replaces any other file, and redacts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dolps-report-'));
    try {
      await writeFile(join(dir, 'summary.md'), 'earlier step\n');
      await writeFile(join(dir, 'report.md'), 'previous run\n');
      const target = { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') }, redact: (t: string) => t.replace('s3cret', '***') };
      assert.equal(await writeReportFile({ ...target, path: 'summary.md' }, 'token s3cret\n'), 'appended');
      assert.equal(await writeReportFile({ ...target, path: 'report.md' }, 'new\n'), 'written');
      assert.equal(await readFile(join(dir, 'summary.md'), 'utf8'), 'earlier step\ntoken ***\n');
      assert.equal(await readFile(join(dir, 'report.md'), 'utf8'), 'new\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
