// What the marker remembers of each managed file (issue 12): its content id and what the server said
// about it right after the write (size, update time). A later full reconcile trusts a remote file whose
// size and update time are still those, without downloading it; one whose server side moved is drift.
import type { ContentId } from './change.js';
import type { Operation } from './operation.js';
import type { RemoteEntry } from './remote-index.js';

export interface FileIdentity {
  /** "git-blob:<hex>" or "sha256:<hex>". */
  id: string;
  size: number;
  updateTime: string;
}

export function contentIdText(id: ContentId): string {
  return `${id.kind}:${id.hex}`;
}

export function contentIdOf(text: string): ContentId | undefined {
  const match = /^(git-blob|sha256):([0-9a-f]+)$/.exec(text);
  return match ? { kind: match[1] as ContentId['kind'], hex: match[2] ?? '' } : undefined;
}

/**
 * The identities a stored state holds (the marker's or the watch manifest's "contents"), read leniently: an
 * entry that is not one is left out, and that file is simply compared the old way; undefined when there are none.
 */
export function parseIdentities(value: unknown): Record<string, FileIdentity> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const identities: Record<string, FileIdentity> = {};
  for (const [path, entry] of Object.entries(value as Record<string, unknown>)) {
    const { id, size, updateTime } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id === 'string' && typeof size === 'number' && typeof updateTime === 'string') identities[path] = { id, size, updateTime };
  }
  return identities;
}

/** The server side of the file is as it was right after our write (both facts known and equal). */
export function serverUnmoved(known: FileIdentity | undefined, remote: RemoteEntry | undefined): boolean {
  return known !== undefined && remote?.kind === 'file' && remote.size === known.size && remote.updateTime === known.updateTime;
}

/**
 * The identities of the next marker: for each managed file, the id the run wrote (or the one the last
 * marker or the desired tree had), with size and update time from the listing read after the writes.
 * A file whose id or server facts are not known is left out, and is simply compared the old way.
 */
export function nextIdentities(managed: readonly string[], applied: readonly Operation[], previous: Readonly<Record<string, FileIdentity>>,
  treeIds: ReadonlyMap<string, ContentId> | undefined, after: ReadonlyMap<string, RemoteEntry>): Record<string, FileIdentity> {
  const written = new Map<string, string>();
  const skipped = new Set<string>();
  for (const op of applied) {
    if (op.op === 'create' || op.op === 'update') written.set(op.path, contentIdText(op.file.id));
    else if (op.op === 'rename') {
      const id = op.file ? contentIdText(op.file.id) : previous[op.from]?.id;
      if (id) written.set(op.path, id);
    } else if (op.op === 'skip') skipped.add(op.path);
  }
  const out: Record<string, FileIdentity> = {};
  for (const path of managed) {
    if (skipped.has(path)) continue;
    const treeId = treeIds?.get(path);
    const id = written.get(path) ?? (treeId ? contentIdText(treeId) : undefined);
    // Neither written nor proved identical by this run (a full reconcile compares the whole tree): the identity
    // stays as recorded, so an edit on the server since is still drift next time, never vouched for.
    const kept = previous[path];
    if (id === undefined) {
      if (kept) out[path] = kept;
      continue;
    }
    const remote = after.get(path);
    if (id && remote?.kind === 'file' && remote.size !== undefined && remote.updateTime !== undefined) {
      out[path] = { id, size: remote.size, updateTime: remote.updateTime };
    }
  }
  return out;
}
