// The watcher's state file: what was last uploaded (path → size and sha256), what the server said of
// each file right after that upload (its identity, for drift: issue 12), the directories it created, and
// the remote root they went to. It lets `watch` catch up on what changed while it was not running. It
// is a local cache, not the truth: the planner still compares with the remote.
// Written to a temp file in the same directory, fsynced, then renamed over the old one, so a crash
// leaves either the old manifest or the new one, never a torn file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sameContent, sha256Id, type Change, type FileRef } from '../../core/change.js';
import { comparePaths as compare, sortChanges } from '../tree/change-paths.js';
import type { RootIdentity } from '../../core/watch-pause.js';
import { ManifestError } from './errors.js';
import type { BatchDirs } from './resolve-batch.js';
import type { ManagedFunction } from '../../core/udf-function.js';
import { isRecordedJar } from '../../core/udf-jars.js';
import { parseIdentities, type FileIdentity } from '../../core/file-identity.js';

export const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  size: number;
  sha256: string;
}

export interface Manifest {
  version: typeof MANIFEST_VERSION;
  /** The remote root the files were uploaded under; a manifest for another root must not be reused. */
  remoteRoot: string;
  files: Map<string, ManifestEntry>;
  dirs: Set<string>;
  /** The watched directory the files came from (absent in manifests written before issue 11): a different one pauses watch. */
  root?: RootIdentity;
  /** What the UDF side run manages (issue 13), as sync keeps it in the marker; absent without a UDF folder. */
  udf?: ManagedUdf;
  /**
   * What the server said of each uploaded file right after the upload (size, update time), as the marker's
   * "contents" (issue 12): a file listed with other facts later was changed on the server (drift). Absent in
   * manifests written before, and for files listed without update times: those are not checked for drift.
   */
  contents?: Record<string, FileIdentity>;
}

/** The UDF functions dolps-sync created or adopted, and the jars it put in the UDF tree (absolute there). */
export interface ManagedUdf {
  functions: ManagedFunction[];
  jars: string[];
}

/** What is on disk now: `readDirectoryTree`'s result fits. */
export interface CurrentTree {
  files: ReadonlyMap<string, FileRef>;
  dirs: ReadonlySet<string>;
}

export function emptyManifest(remoteRoot: string): Manifest {
  return { version: MANIFEST_VERSION, remoteRoot, files: new Map(), dirs: new Set() };
}

/** The manifest at `file`, or undefined when there is none yet. */
export async function loadManifest(file: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseManifest(text, file);
}

export async function saveManifest(file: string, manifest: Manifest): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(serializeManifest(manifest));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dirname(file));
}

/** Start-up catch-up: what changed on disk since the manifest was written. Renames are not paired. */
export function diffManifest(manifest: Manifest, current: CurrentTree): Change[] {
  const changes: Change[] = [];
  for (const [path, file] of current.files) {
    const before = manifest.files.get(path);
    if (!before) changes.push({ kind: 'added', file });
    else if (!sameContent(sha256Id(before.sha256), file.id) || before.size !== file.size) changes.push({ kind: 'modified', file });
  }
  for (const path of manifest.files.keys()) if (!current.files.has(path)) changes.push({ kind: 'deleted', path });
  return sortChanges(changes);
}

/** Directories created or removed since the manifest was written (the Change type has no kind for them). */
export function diffManifestDirs(manifest: Manifest, current: CurrentTree): BatchDirs {
  return {
    added: [...current.dirs].filter((dir) => !manifest.dirs.has(dir)).sort(compare),
    deleted: [...manifest.dirs].filter((dir) => !current.dirs.has(dir)).sort(compare),
  };
}

/** The manifest after a batch was applied; the input is not modified. */
export function recordChanges(manifest: Manifest, changes: readonly Change[], dirs?: BatchDirs): Manifest {
  const files = new Map(manifest.files);
  for (const change of changes) {
    if (change.kind === 'deleted') files.delete(change.path);
    if (change.kind === 'renamed') files.delete(change.from);
    if (change.kind === 'added' || change.kind === 'modified' || change.kind === 'renamed') {
      files.set(change.file.path, { size: change.file.size, sha256: change.file.id.hex });
    }
  }
  const kept = new Set([...manifest.dirs].filter((dir) => !dirs?.deleted.some((gone) => dir === gone || dir.startsWith(`${gone}/`))));
  for (const dir of dirs?.added ?? []) kept.add(dir);
  return { ...manifest, files, dirs: kept };
}

/** The manifest's files as the FileRefs a watcher compares against (ids are sha256). */
export function manifestFileRefs(manifest: Manifest): Map<string, FileRef> {
  return new Map([...manifest.files].map(([path, entry]) => [path, { path, id: sha256Id(entry.sha256), size: entry.size }]));
}

export function serializeManifest(manifest: Manifest): string {
  const files = Object.fromEntries([...manifest.files].sort(([a], [b]) => compare(a, b)));
  const body = {
    version: manifest.version, remoteRoot: manifest.remoteRoot, files, dirs: [...manifest.dirs].sort(compare), root: manifest.root,
    ...(manifest.udf ? { udf: manifest.udf } : {}),
    ...(manifest.contents ? { contents: Object.fromEntries(Object.entries(manifest.contents).sort(([a], [b]) => compare(a, b))) } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function parseManifest(text: string, file: string): Manifest {
  const fix = 'Delete it: the next `watch` then compares every local file with the Resource Center again';
  const invalid = (what: string): ManifestError => new ManifestError('manifestInvalid', file, `Watch manifest ${what}`, fix);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalid('is not valid JSON');
  }
  if (!isRecord(raw)) throw invalid('is not a JSON object');
  if (typeof raw.version === 'number' && raw.version > MANIFEST_VERSION) {
    throw new ManifestError('manifestVersion', file, `Watch manifest has version ${raw.version}, this dolps-sync reads ${MANIFEST_VERSION}`,
      'Upgrade dolps-sync, or delete the manifest to start over');
  }
  if (raw.version !== MANIFEST_VERSION) throw invalid('has no valid "version"');
  if (typeof raw.remoteRoot !== 'string') throw invalid('has no "remoteRoot" string');
  if (!isRecord(raw.files)) throw invalid('has no "files" object');
  if (!Array.isArray(raw.dirs) || !raw.dirs.every(isRelativePath)) throw invalid('has no valid "dirs" list');
  const files = new Map<string, ManifestEntry>();
  for (const [path, entry] of Object.entries(raw.files)) {
    if (!isRelativePath(path) || !isEntry(entry)) throw invalid(`has an invalid entry for "${path}"`);
    files.set(path, { size: entry.size, sha256: entry.sha256 });
  }
  if (raw.root !== undefined && !isRootIdentity(raw.root)) throw invalid('has an invalid "root"');
  const udf = raw.udf === undefined ? undefined : parseUdf(raw.udf);
  if (udf === null) throw invalid('has no valid "udf" object');
  // Read leniently, as the marker's: an identity only decides drift and what need not be downloaded, never a delete.
  const contents = parseIdentities(raw.contents);
  const manifest: Manifest = {
    version: MANIFEST_VERSION, remoteRoot: raw.remoteRoot, files, dirs: new Set(raw.dirs as string[]), ...(udf ? { udf } : {}), ...(contents ? { contents } : {}),
  };
  if (isRootIdentity(raw.root)) manifest.root = { dev: raw.root.dev, ino: raw.root.ino, birthtimeMs: raw.root.birthtimeMs };
  return manifest;
}

/** The "udf" object, or null when it is not one; ids and jar paths turn into deletes, so each is checked. */
function parseUdf(value: unknown): ManagedUdf | null {
  if (!isRecord(value) || !Array.isArray(value.functions) || !Array.isArray(value.jars)) return null;
  const functions = value.functions.filter((f): f is ManagedFunction => isRecord(f) && typeof f.name === 'string' && f.name !== ''
    && Number.isSafeInteger(f.id) && (f.id as number) > 0);
  if (functions.length !== value.functions.length || !value.jars.every(isRecordedJar)) return null;
  return { functions: functions.map(({ name, id }) => ({ name, id })), jars: [...value.jars] };
}

function isRootIdentity(value: unknown): value is RootIdentity {
  return isRecord(value) && [value.dev, value.ino, value.birthtimeMs].every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(value: unknown): value is ManifestEntry {
  return isRecord(value) && Number.isSafeInteger(value.size) && (value.size as number) >= 0
    && typeof value.sha256 === 'string' && /^[0-9a-f]{64}$/.test(value.sha256);
}

/** Paths in the manifest turn into remote deletes: refuse anything that could escape the root. */
function isRelativePath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.startsWith('/') && !value.includes('\0')
    && value.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Makes the rename durable; not every filesystem allows fsync on a directory, and that is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
