// One ordering for every list of paths and changes the sources emit: by path, byte order of the
// UTF-16 string, so output and tests do not depend on the locale.
import type { Change } from '../../core/change.js';

export function changePath(change: Change): string {
  return 'path' in change ? change.path : change.file.path;
}

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortChanges(changes: Change[]): Change[] {
  return changes.sort((a, b) => comparePaths(changePath(a), changePath(b)));
}
