// Writes the --report file. GitHub's job summary ($GITHUB_STEP_SUMMARY) is one file per step that every
// writer appends to, so a report sent there is appended; any other file is replaced, so a re-run
// artifact never carries the previous run's report.
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface ReportTarget {
  path: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The output redactor: the report passes it like every line printed. */
  redact: (text: string) => string;
}

export async function writeReportFile(target: ReportTarget, markdown: string): Promise<'appended' | 'written'> {
  const path = resolve(target.cwd, target.path);
  const summary = target.env['GITHUB_STEP_SUMMARY'];
  const text = target.redact(markdown);
  if (summary !== undefined && summary !== '' && resolve(target.cwd, summary) === path) {
    await appendFile(path, text);
    return 'appended';
  }
  await writeFile(path, text);
  return 'written';
}
