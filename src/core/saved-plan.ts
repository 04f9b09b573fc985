// A saved plan (`sync --dry-run --plan-out FILE`, `dolps-sync apply FILE`): what was reviewed is what
// gets applied. The file holds the operations and what the server looked like when they were planned
// (the marker, and every path an operation touches); apply refuses when any of that moved. Pure: the
// CLI reads and writes the file, the app lists the server.
import type { BaseReason } from './base-choice.js';
import { GENERATIONS, type Generation } from './capabilities.js';
import type { Change } from './change.js';
import type { Operation } from './operation.js';
import { ancestorsOf, type RemoteIndex } from './remote-index.js';

export const PLAN_FORMAT = 'dolps-sync plan';
export const PLAN_VERSION = 1;

/** What the listing said about one touched path; null: nothing was there. */
export type RemoteFact = { kind: 'dir' } | { kind: 'file'; size?: number; updateTime?: string } | null;

export interface MarkerFact {
  commit: string;
  syncedAt: string;
}

export interface SavedPlan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  /** "dolps-sync 1.2.0", the tool that made it. */
  tool: string;
  generation: Generation;
  /** The server base URL, without user or password (never the token: the file is a CI artifact). */
  server: string;
  remoteRoot: string;
  /** The local root relative to the repository's top ('' for the whole repository). */
  localRoot: string;
  mode: 'incremental' | 'full' | 'up-to-date';
  base: string | null;
  /** Why the dry run diffed from `base` (or reconciled the whole tree). */
  baseReason: BaseReason;
  to: string;
  prune: boolean;
  /** --max-delete as given to the dry run, so apply checks the same limit. */
  maxDelete?: string;
  /** The marker the plan was made against; null when there was none. */
  marker: MarkerFact | null;
  operations: Operation[];
  remote: { rootExists: boolean; touched: Record<string, RemoteFact> };
  madeAt: string;
}

/** Every path an operation reads or writes, and the directories above them (a create needs its parent). */
export function touchedPaths(operations: readonly Operation[]): string[] {
  const paths = new Set<string>();
  for (const op of operations) {
    for (const path of [op.path, ...('from' in op && op.from !== undefined ? [op.from] : [])]) {
      if (path !== '') paths.add(path);
      for (const dir of ancestorsOf(path)) paths.add(dir);
    }
  }
  return [...paths].sort();
}

export function remoteFacts(operations: readonly Operation[], index: RemoteIndex): SavedPlan['remote'] {
  const touched: Record<string, RemoteFact> = {};
  for (const path of touchedPaths(operations)) touched[path] = factOf(index, path);
  return { rootExists: index.rootExists, touched };
}

function factOf(index: RemoteIndex, path: string): RemoteFact {
  const entry = index.entries.get(path);
  if (entry === undefined) return null;
  if (entry.kind === 'dir') return { kind: 'dir' };
  return { kind: 'file', ...(entry.size === undefined ? {} : { size: entry.size }), ...(entry.updateTime === undefined ? {} : { updateTime: entry.updateTime }) };
}

/**
 * What moved on the server since the plan was made, one line per path ([] when nothing did). A file is
 * compared by size and update time; a directory only by being there, as the server changes a directory's
 * own size and time whenever anything below it changes (3.1 ResourcesServiceImpl.updateParentResourceSize).
 */
export function remoteChanges(saved: SavedPlan['remote'], index: RemoteIndex): string[] {
  const lines: string[] = [];
  // Absent then there is no change: the lease makes the remote root before apply lists it.
  if (saved.rootExists && !index.rootExists) lines.push('the remote root was there, now absent');
  for (const [path, was] of Object.entries(saved.touched)) {
    const now = factOf(index, path);
    if (!sameFact(was, now)) lines.push(`${path}: was ${describeFact(was)}, now ${describeFact(now)}`);
  }
  return lines;
}

function sameFact(a: RemoteFact, b: RemoteFact): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'dir' || b.kind === 'dir') return a.kind === b.kind;
  return a.size === b.size && a.updateTime === b.updateTime;
}

function describeFact(fact: RemoteFact): string {
  if (fact === null) return 'absent';
  if (fact.kind === 'dir') return 'a directory';
  const size = fact.size === undefined ? 'a file' : `${fact.size} bytes`;
  return fact.updateTime === undefined ? size : `${size} updated ${fact.updateTime}`;
}

/** Why the marker no longer is the one the plan was made against, or null. */
export function markerChange(saved: MarkerFact | null, now: MarkerFact | null): string | null {
  if (saved === null && now === null) return null;
  if (saved !== null && now !== null && saved.commit === now.commit && saved.syncedAt === now.syncedAt) return null;
  const describe = (m: MarkerFact | null) => (m === null ? 'no marker' : `${m.commit.slice(0, 12)} (synced ${m.syncedAt})`);
  return `the marker was ${describe(saved)}, now ${describe(now)}`;
}

/**
 * The changes an incremental plan replays, rebuilt from its operations: what the state store is told
 * (apply never diffs again, so it needs neither the base commit nor a deep clone).
 */
export function changesOf(operations: readonly Operation[]): Change[] {
  return operations.flatMap((op): Change[] => {
    switch (op.op) {
      case 'create': return [{ kind: 'added', file: op.file }];
      case 'update': return [{ kind: 'modified', file: op.file }];
      case 'delete': return [{ kind: 'deleted', path: op.path }];
      case 'rename': return op.file ? [{ kind: 'renamed', from: op.from, file: op.file, similarity: 100 }] : [];
      default: return [];
    }
  });
}

export function serializePlan(plan: SavedPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export type PlanReading = { plan: SavedPlan } | { invalid: string };

/** The file as written by serializePlan, or one sentence saying why it is not. */
export function parsePlan(text: string): PlanReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { invalid: `not JSON (${(error as Error).message})` };
  }
  if (!isRecord(data) || data['format'] !== PLAN_FORMAT) return { invalid: `not a dolps-sync plan (no "format": "${PLAN_FORMAT}")` };
  if (data['version'] !== PLAN_VERSION) return { invalid: `plan format version ${String(data['version'])}, this dolps-sync reads version ${PLAN_VERSION}` };
  const problem = planProblem(data);
  return problem === null ? { plan: data as unknown as SavedPlan } : { invalid: problem };
}

function planProblem(data: Record<string, unknown>): string | null {
  const strings = ['tool', 'server', 'remoteRoot', 'localRoot', 'to', 'madeAt', 'baseReason'] as const;
  const missing = strings.find((key) => typeof data[key] !== 'string');
  if (missing) return `"${missing}" is missing or not a string`;
  if (!GENERATIONS.includes(data['generation'] as Generation)) return `"generation" is not one of ${GENERATIONS.join(', ')}`;
  if (!['incremental', 'full', 'up-to-date'].includes(data['mode'] as string)) return '"mode" is not incremental, full or up-to-date';
  if (data['base'] !== null && typeof data['base'] !== 'string') return '"base" is not a commit or null';
  if (typeof data['prune'] !== 'boolean') return '"prune" is not true or false';
  if (data['maxDelete'] !== undefined && typeof data['maxDelete'] !== 'string') return '"maxDelete" is not a string';
  const marker = data['marker'];
  if (marker !== null && !(isRecord(marker) && typeof marker['commit'] === 'string' && typeof marker['syncedAt'] === 'string')) return '"marker" is not {commit, syncedAt} or null';
  const remote = data['remote'];
  if (!isRecord(remote) || typeof remote['rootExists'] !== 'boolean' || !isRecord(remote['touched'])) return '"remote" is not {rootExists, touched}';
  const operations = data['operations'];
  if (!Array.isArray(operations)) return '"operations" is not a list';
  const bad = operations.findIndex((op) => !isOperation(op));
  return bad < 0 ? null : `operation ${bad + 1} is not an operation dolps-sync writes`;
}

const OPS = new Set(['mkdir', 'create', 'update', 'rename', 'delete', 'rmdir', 'skip', 'refuse']);

function isOperation(op: unknown): boolean {
  if (!isRecord(op) || typeof op['op'] !== 'string' || !OPS.has(op['op']) || typeof op['path'] !== 'string') return false;
  if (op['op'] === 'create' || op['op'] === 'update') return isFileRef(op['file']);
  if (op['op'] === 'rename') return typeof op['from'] === 'string' && (op['file'] === undefined || isFileRef(op['file']));
  return true;
}

function isFileRef(file: unknown): boolean {
  if (!isRecord(file) || typeof file['path'] !== 'string' || typeof file['size'] !== 'number' || !isRecord(file['id'])) return false;
  const id = file['id'];
  return (id['kind'] === 'git-blob' || id['kind'] === 'sha256') && typeof id['hex'] === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
