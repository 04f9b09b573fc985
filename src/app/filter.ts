// Applies the ignore rules to what the source reports. A rename across the boundary of the rules
// becomes an add or a delete, so an excluded path is never written and never deleted.
import type { Change, FileRef } from '../core/change.js';

export type IsIgnored = (path: string, isDirectory: boolean) => boolean;

export function filterChanges(changes: readonly Change[], isIgnored: IsIgnored): Change[] {
  const out: Change[] = [];
  for (const change of changes) {
    if (change.kind !== 'renamed') {
      const path = change.kind === 'added' || change.kind === 'modified' ? change.file.path : change.path;
      if (!isIgnored(path, false)) out.push(change);
      continue;
    }
    const fromIgnored = isIgnored(change.from, false);
    const toIgnored = isIgnored(change.file.path, false);
    if (!fromIgnored && !toIgnored) out.push(change);
    else if (!toIgnored) out.push({ kind: 'added', file: change.file });
    else if (!fromIgnored) out.push({ kind: 'deleted', path: change.from });
  }
  return out;
}

export function filterTree(files: ReadonlyMap<string, FileRef>, isIgnored: IsIgnored): Map<string, FileRef> {
  return new Map([...files].filter(([path]) => !isIgnored(path, false)));
}
