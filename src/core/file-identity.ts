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
  /** Stamped from the write's own answer (3.0/3.1), not from a listing: see sameServerFacts. */
  fromAnswer?: true;
}

/**
 * What the server answered about a file it just wrote (3.0/3.1 answer a create, a re-upload and a rename
 * with the Resource: ResourcesServiceImpl.createResource / updateResource, 3.0.6 and 3.1.9); the port's
 * write methods return it where their generation's answer has it (3.2/3.3 answer `data: null`).
 */
export interface AnsweredFacts {
  size: number;
  /** "yyyy-MM-dd HH:mm:ss" in UTC (spring.jackson.date-format / time-zone of the API server). */
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
    const { id, size, updateTime, fromAnswer } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id === 'string' && typeof size === 'number' && typeof updateTime === 'string') {
      identities[path] = { id, size, updateTime, ...(fromAnswer === true ? { fromAnswer: true as const } : {}) };
    }
  }
  return identities;
}

/** The server side of the file is as it was right after our write (both facts known and the same). */
export function serverUnmoved(known: FileIdentity | undefined, remote: RemoteEntry | undefined): boolean {
  return known !== undefined && remote?.kind === 'file' && remote.size !== undefined && remote.updateTime !== undefined
    && sameServerFacts(known, remote.size, remote.updateTime);
}

/**
 * The listed size and update time are those recorded. An identity stamped from a listing compares exactly.
 * One stamped from the write's answer also accepts the next second: the answer formats the Java `Date now`
 * of the write (milliseconds, truncated to the second by Jackson's "yyyy-MM-dd HH:mm:ss"), while a listing
 * formats what t_ds_resources.update_time kept of it. PostgreSQL (timestamp) keeps the fraction and MariaDB
 * truncates it, so the listing shows the answer's second; MySQL rounds it into a `datetime` column without
 * fractional digits (DolphinScheduler's DDL), so a write in the second half of a second is listed one second
 * later. The price: a UI edit of the same size within that next second is not seen as a move.
 */
export function sameServerFacts(known: FileIdentity, size: number, updateTime: string): boolean {
  if (size !== known.size) return false;
  return updateTime === known.updateTime || (known.fromAnswer === true && updateTime === nextSecond(known.updateTime));
}

/** "yyyy-MM-dd HH:mm:ss" one second later (a UTC wall clock: no daylight saving); undefined for another format. */
export function nextSecond(time: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day, hour, minute, second) + 1000);
  return next.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The content id each managed file is stamped with in the next marker: the id the run wrote (renames carry
 * the last marker's), or in a full reconcile the desired tree's; a skipped file never. A file not in the
 * map keeps its recorded identity (neither written nor proved identical by this run).
 */
export function stampedIds(managed: readonly string[], applied: readonly Operation[], previous: Readonly<Record<string, FileIdentity>>,
  treeIds: ReadonlyMap<string, ContentId> | undefined): Map<string, string> {
  const written = new Map<string, string>();
  const skipped = new Set<string>();
  for (const op of applied) {
    if (op.op === 'create' || op.op === 'update') written.set(op.path, contentIdText(op.file.id));
    else if (op.op === 'rename') {
      const id = op.file ? contentIdText(op.file.id) : previous[op.from]?.id;
      if (id) written.set(op.path, id);
    } else if (op.op === 'skip') skipped.add(op.path);
  }
  const out = new Map<string, string>();
  for (const path of managed) {
    if (skipped.has(path)) continue;
    const treeId = treeIds?.get(path);
    const id = written.get(path) ?? (treeId ? contentIdText(treeId) : undefined);
    if (id !== undefined) out.set(path, id);
  }
  return out;
}

/**
 * The identities of the next marker: for each stamped file (stampedIds), the server facts its write's answer
 * gave (`answered`, first), else those of the listing read after the writes. A file whose id or server facts
 * are not known is left out, and is simply compared the old way.
 */
export function nextIdentities(managed: readonly string[], applied: readonly Operation[], previous: Readonly<Record<string, FileIdentity>>,
  treeIds: ReadonlyMap<string, ContentId> | undefined, after: ReadonlyMap<string, RemoteEntry>,
  answered: ReadonlyMap<string, AnsweredFacts> = new Map()): Record<string, FileIdentity> {
  const stamped = stampedIds(managed, applied, previous, treeIds);
  const skipped = new Set(applied.filter((op) => op.op === 'skip').map((op) => op.path));
  const out: Record<string, FileIdentity> = {};
  for (const path of managed) {
    const id = stamped.get(path);
    // Neither written nor proved identical by this run (a full reconcile compares the whole tree): the identity
    // stays as recorded, so an edit on the server since is still drift next time, never vouched for.
    if (id === undefined) {
      const kept = previous[path];
      if (kept && !skipped.has(path)) out[path] = kept;
      continue;
    }
    const answer = answered.get(path);
    const remote = after.get(path);
    if (answer) out[path] = { id, size: answer.size, updateTime: answer.updateTime, fromAnswer: true };
    else if (remote?.kind === 'file' && remote.size !== undefined && remote.updateTime !== undefined) {
      out[path] = { id, size: remote.size, updateTime: remote.updateTime };
    }
  }
  return out;
}
