// Parses `git diff-tree -r -z -M --raw --no-abbrev` (the same format as `git diff --raw -z`):
//   :oldmode newmode oldsha newsha STATUS\0path\0            (A, M, D, T, U)
//   :oldmode newmode oldsha newsha R086\0source\0dest\0      (R, C carry a similarity score)
// Pure: no git, no I/O. Paths are as git printed them: relative to the repository root.
import { GitError } from './errors.js';
import { entryType, type EntryType } from './entry-type.js';

export type DiffStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U';

export interface RawDiffEntry {
  status: DiffStatus;
  /** Similarity percentage for R and C (100 = identical content), else null. */
  score: number | null;
  oldType: EntryType;
  newType: EntryType;
  oldSha: string;
  newSha: string;
  /** The path before the change: the source of a rename or copy, else the same as `path`. */
  oldPath: string;
  /** The path after the change. */
  path: string;
}

const SHA = '[0-9a-f]{40}(?:[0-9a-f]{24})?'; // sha1 or sha256 repositories
const HEADER = new RegExp(`^:([0-7]{6}) ([0-7]{6}) (${SHA}) (${SHA}) ([ACDMRTUXB])([0-9]*)$`);

export function parseRawDiff(output: string): RawDiffEntry[] {
  const fields = output.split('\0');
  const entries: RawDiffEntry[] = [];
  let i = 0;
  // The output ends with a NUL, so the last field is always empty.
  while (i < fields.length - 1) {
    const header = fields[i] ?? '';
    const match = HEADER.exec(header);
    if (match === null) throw unexpected(`a diff header, got ${JSON.stringify(header.slice(0, 120))}`);
    const [, oldMode = '', newMode = '', oldSha = '', newSha = '', letter = '', score = ''] = match;
    const status = checkStatus(letter);
    const twoPaths = status === 'R' || status === 'C';
    const first = fields[i + 1];
    const second = twoPaths ? fields[i + 2] : undefined;
    if (first === undefined || first === '' || (twoPaths && (second === undefined || second === ''))) {
      throw unexpected(`${twoPaths ? 'two paths' : 'a path'} after ${JSON.stringify(header)}`);
    }
    entries.push({
      status,
      score: twoPaths ? parseScore(score, header) : null,
      oldType: entryType(oldMode),
      newType: entryType(newMode),
      oldSha,
      newSha,
      oldPath: first,
      path: second ?? first,
    });
    i += twoPaths ? 3 : 2;
  }
  return entries;
}

function checkStatus(letter: string): DiffStatus {
  // X (unknown) and B (broken pair, only with -B) never come from the options we pass.
  if (letter === 'X' || letter === 'B') throw unexpected(`a known change status, got ${letter}`);
  return letter as DiffStatus;
}

function parseScore(digits: string, header: string): number {
  const score = Number.parseInt(digits, 10);
  if (!Number.isInteger(score) || score < 0 || score > 100) throw unexpected(`a similarity score in ${JSON.stringify(header)}`);
  return score;
}

function unexpected(what: string): GitError {
  return new GitError('unexpectedOutput', `git diff output could not be read: expected ${what}`, { command: 'diff-tree' });
}
