// Pure: turns a ready batch (net effects from events) into Changes, using what the disk shows now
// and what the consumer already has (`known`). Events only say where to look: the disk decides
// whether a path exists and what it holds, and `known` decides added vs modified and drops saves
// that did not change the content (touch, save without edits). This is dbx's lesson: events are a
// wake-up, the diff is against state.
import { sameContent, type Change, type FileRef } from '../../core/change.js';
import { changePath, sortChanges } from '../tree/change-paths.js';
import type { ReadyBatch } from './coalesce.js';

/** What one path is on disk now, as the adapter saw it (lstat, then a hash for regular files). */
export type Observation =
  | { kind: 'missing' }
  | { kind: 'file'; file: FileRef }
  | { kind: 'dir' }
  | { kind: 'unsupported'; reason: string };

export interface BatchDirs {
  /** Directories created (possibly empty), verified to exist. */
  added: string[];
  /** Directories removed, verified gone; their known files are in the changes as deleted. */
  deleted: string[];
}

export interface ResolvedBatch {
  changes: Change[];
  dirs: BatchDirs;
}

export interface ResolveOptions {
  /** `known` holds every file the consumer has: a path missing from it did not exist before. */
  authoritative: boolean;
  /** Pair a deleted and an added file with the same sha256 into `renamed` (see pairRenames). */
  pairRenames: boolean;
}

export function resolveBatch(
  ready: ReadyBatch,
  observed: ReadonlyMap<string, Observation>,
  known: ReadonlyMap<string, FileRef>,
  options: ResolveOptions,
): ResolvedBatch {
  const changes = new Map<string, Change>();
  for (const { path, effect } of ready.files) {
    const existedBefore = known.has(path) || (!options.authoritative && effect !== 'added');
    for (const change of resolvePath(path, existedBefore, observed.get(path), known.get(path))) changes.set(keyOf(change), change);
  }
  const deletedDirs = ready.dirsDeleted.filter((dir) => observed.get(dir)?.kind !== 'dir');
  for (const path of filesBelow(known, deletedDirs)) {
    const seen = observed.get(path);
    if (!changes.has(path) && (seen === undefined || seen.kind === 'missing')) changes.set(path, { kind: 'deleted', path });
  }
  const list = [...changes.values()];
  return {
    changes: sortChanges(options.pairRenames ? pairRenames(list, known) : list),
    dirs: { added: ready.dirsAdded.filter((dir) => observed.get(dir)?.kind === 'dir'), deleted: deletedDirs },
  };
}

function resolvePath(path: string, existedBefore: boolean, seen: Observation | undefined, before: FileRef | undefined): Change[] {
  // Not observed: the adapter found it still changing and put it back; it comes in a later batch.
  if (seen === undefined) return [];
  const deleted: Change[] = existedBefore ? [{ kind: 'deleted', path }] : [];
  switch (seen.kind) {
    case 'missing':
    case 'dir':
      return deleted;
    case 'unsupported':
      return [...deleted, { kind: 'unsupported', path, reason: seen.reason }];
    case 'file':
      if (sameContent(before?.id, seen.file.id) && before?.size === seen.file.size) return [];
      return [{ kind: existedBefore ? 'modified' : 'added', file: seen.file }];
  }
}

/**
 * A move shows up as unlink + add. When exactly one deleted file and exactly one added file of the
 * batch share a sha256, they are one rename, wherever the two directories are: that is what git's
 * `-M` reports too (similarity 100), and on 3.0/3.1 a rename keeps the resource id tasks point at.
 * The planner decides whether the server can rename across directories. Ambiguous groups (two
 * identical files, empty files) stay deleted + added rather than guessing.
 */
export function pairRenames(changes: Change[], known: ReadonlyMap<string, FileRef>): Change[] {
  const deletedBy = groupBy(changes, (c) => (c.kind === 'deleted' ? known.get(c.path)?.id.hex : undefined));
  const addedBy = groupBy(changes, (c) => (c.kind === 'added' ? c.file.id.hex : undefined));
  const paired = new Set<Change>();
  const out: Change[] = [];
  for (const [blob, deletes] of deletedBy) {
    const adds = addedBy.get(blob);
    const from = deletes[0];
    const to = adds?.[0];
    if (deletes.length !== 1 || adds?.length !== 1 || from?.kind !== 'deleted' || to?.kind !== 'added') continue;
    paired.add(from).add(to);
    out.push({ kind: 'renamed', from: from.path, file: to.file, similarity: 100 });
  }
  return [...changes.filter((c) => !paired.has(c)), ...out];
}

/** Applies emitted changes to the known state (after the consumer accepted them). */
export function applyToKnown(known: Map<string, FileRef>, changes: readonly Change[]): void {
  for (const change of changes) {
    if (change.kind === 'deleted') known.delete(change.path);
    else if (change.kind === 'added' || change.kind === 'modified') known.set(change.file.path, change.file);
    else if (change.kind === 'renamed') {
      known.delete(change.from);
      known.set(change.file.path, change.file);
    }
  }
}

function filesBelow(known: ReadonlyMap<string, FileRef>, dirs: readonly string[]): string[] {
  if (dirs.length === 0) return [];
  const prefixes = dirs.map((dir) => `${dir}/`);
  return [...known.keys()].filter((path) => prefixes.some((prefix) => path.startsWith(prefix)));
}

function groupBy(changes: Change[], keyFor: (change: Change) => string | undefined): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = keyFor(change);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return groups;
}

function keyOf(change: Change): string {
  return change.kind === 'unsupported' ? `unsupported:${change.path}` : changePath(change);
}
