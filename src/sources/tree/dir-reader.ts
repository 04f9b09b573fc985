// Walks a local directory into the shape the planner wants: every regular file with its sha256,
// every directory, and what cannot be synced. Used for the watcher's start-up catch-up and for a
// full reconcile of a plain directory (no git).
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Id, type Change, type FileRef } from '../../core/change.js';
import { comparePaths, sortChanges } from './change-paths.js';
import { hashFile } from './hash-file.js';
import { mapLimit } from '../../core/map-limit.js';

/** Paths are relative to the root, '/'-separated; directories are asked with `isDirectory` true. */
export type IgnorePredicate = (relativePath: string, isDirectory: boolean) => boolean;

export interface DirectoryTree {
  files: Map<string, FileRef>;
  dirs: Set<string>;
  unsupported: Change[];
}

/** Files hashed at once: enough to keep a disk busy, far from the descriptor limit. */
const HASH_CONCURRENCY = 8;

export async function readDirectoryTree(root: string, isIgnored: IgnorePredicate): Promise<DirectoryTree> {
  const listing = await listTree(root, isIgnored);
  const unsupported = [...listing.unsupported];
  const refs = await mapLimit(listing.files, HASH_CONCURRENCY, (path) => readFileRef(root, path, unsupported));
  const files = new Map<string, FileRef>();
  for (const ref of refs) if (ref) files.set(ref.path, ref);
  return { files, dirs: new Set(listing.dirs), unsupported: sortChanges(unsupported) };
}

export interface TreeListing {
  /** Regular files, in walk order (sorted by name within each directory). */
  files: string[];
  dirs: string[];
  unsupported: Change[];
}

/**
 * Lists `under` (default: the whole root) without reading file contents. The root itself must be
 * readable; a subdirectory that vanished mid-walk is simply gone and an unreadable one is reported.
 */
export async function listTree(root: string, isIgnored: IgnorePredicate, under = ''): Promise<TreeListing> {
  const state: WalkState = { isIgnored, found: [], dirs: new Set(), unsupported: [] };
  await walk(root, under, state, under === '');
  return { files: state.found, dirs: [...state.dirs], unsupported: state.unsupported };
}

interface WalkState {
  isIgnored: IgnorePredicate;
  found: string[];
  dirs: Set<string>;
  unsupported: Change[];
}

async function walk(root: string, relativeDir: string, state: WalkState, mustRead = false): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relativeDir), { withFileTypes: true });
  } catch (err) {
    if (mustRead) throw err;
    const code = errorCode(err);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') state.unsupported.push({ kind: 'unsupported', path: relativeDir, reason: `directory not readable (${code})` });
    return;
  }
  entries.sort((a, b) => comparePaths(a.name, b.name));
  for (const entry of entries) {
    const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    await visit(root, path, entry, state);
  }
}

async function visit(root: string, path: string, entry: Dirent, state: WalkState): Promise<void> {
  const isDirectory = entry.isDirectory();
  if (state.isIgnored(path, isDirectory)) return;
  if (isDirectory) {
    state.dirs.add(path);
    await walk(root, path, state);
  } else if (entry.isFile()) {
    state.found.push(path);
  } else {
    state.unsupported.push({ kind: 'unsupported', path, reason: unsupportedReason(entry) });
  }
}

/** A file that vanished between the listing and the read is left out; an unreadable one is reported. */
async function readFileRef(root: string, path: string, unsupported: Change[]): Promise<FileRef | undefined> {
  try {
    const digest = await hashFile(join(root, path));
    return { path, id: sha256Id(digest.sha256), size: digest.size };
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT') return undefined;
    unsupported.push({ kind: 'unsupported', path, reason: `file not readable (${code})` });
    return undefined;
  }
}

export function unsupportedReason(entry: { isSymbolicLink(): boolean }): string {
  return entry.isSymbolicLink()
    ? 'symbolic link: not followed (the Resource Center has no links)'
    : 'not a regular file (FIFO, socket or device)';
}

export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
