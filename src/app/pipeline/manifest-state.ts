// The state store of watch mode: the manifest file (what the server has, as last uploaded). It
// records only what the server accepted: a batch's changes after the batch applied, or the whole
// tree after a reconcile applied. A manifest written for another remote root is not reused. Like the
// marker, it records what the server said of each file right after our write (identities-after.ts), so a
// file changed on the server since (drift, issue 12) is reported and backed up before a run overwrites it.
import { sha256Id, type ContentId } from '../../core/change.js';
import { serverUnmoved, type FileIdentity } from '../../core/file-identity.js';
import type { Logger } from '../../core/logger.js';
import type { RemoteEntry } from '../../core/remote-index.js';
import type { ResourceCenter } from '../../remote/port.js';
import type { RootIdentity } from '../../core/watch-pause.js';
import {
  emptyManifest, loadManifest, recordChanges, saveManifest, type ManagedUdf, type Manifest, type ManifestEntry,
} from '../../sources/watch/manifest.js';
import type { TreeSnapshot } from './desired.js';
import { identitiesAfter } from './identities-after.js';
import type { AppliedRun, StateStore } from './state-store.js';

export interface ManifestStateStore extends StateStore {
  /** The manifest now (the watcher classifies events against it). */
  current(): Manifest;
  /** True when a usable manifest was found at start: then no first reconcile is needed. */
  readonly loaded: boolean;
  /** The watched directory the manifest's files came from; undefined before the first recorded run. */
  rootIdentity(): RootIdentity | undefined;
  /** The directory the next run reads; recorded with that run's result, only once it applied. */
  readingFrom(identity: RootIdentity): void;
  save(): Promise<void>;
  /** What the UDF side run manages; set after each of its runs (what it created is ours even if something else failed), saved with the manifest. */
  udf(): ManagedUdf | undefined;
  setUdf(next: ManagedUdf): void;
}

export async function openManifestState(statePath: string, remoteRoot: string, logger: Logger, center: ResourceCenter): Promise<ManifestStateStore> {
  const loaded = await loadUsable(statePath, remoteRoot, logger);
  let manifest = loaded ?? emptyManifest(remoteRoot);
  let reading: RootIdentity | undefined;
  return {
    loaded: loaded !== undefined,
    current: () => manifest,
    rootIdentity: () => manifest.root,
    readingFrom: (identity) => { reading = identity; },
    recorded: () => {
      const identities = identitiesOfManaged(manifest);
      return {
        managed: new Set(manifest.files.keys()),
        dirs: manifest.dirs,
        identities,
        vouch: (path, size, remote) => vouchFor(manifest.files.get(path), identities.get(path), size, remote),
      };
    },
    async record(run: AppliedRun): Promise<boolean> {
      const { desired } = run;
      const root = reading ?? manifest.root;
      const next = desired.kind === 'changes'
        ? recordChanges(manifest, desired.changes, desired.dirs && { added: [...desired.dirs.added], deleted: [...desired.dirs.deleted] })
        : { ...manifestOf(desired.tree, remoteRoot), ...(manifest.udf ? { udf: manifest.udf } : {}) };
      // What the server says of the files just written (one listing of their directories), as the marker does.
      manifest = { ...next, contents: await identitiesAfter(center, run, [...next.files.keys()], manifest.contents ?? {}) };
      // An empty directory proves nothing about which one it is (a first start on a volume not mounted yet):
      // the identity is recorded with the first files.
      if (root && manifest.files.size > 0) manifest = { ...manifest, root };
      await saveManifest(statePath, manifest);
      return true;
    },
    save: () => saveManifest(statePath, manifest),
    udf: () => manifest.udf,
    setUdf: (udf) => {
      manifest = { ...manifest, udf };
    },
  };
}

/** The recorded identities of the files the manifest holds (a stray entry for another path is not one of ours). */
function identitiesOfManaged(manifest: Manifest): Map<string, FileIdentity> {
  return new Map(Object.entries(manifest.contents ?? {}).filter(([path]) => manifest.files.has(path)));
}

/**
 * The uploaded content of a remote file of the same size, unless its recorded identity shows the server side
 * moved since (drift: it is compared by content, never vouched for). A file without an identity, or listed
 * without an update time (a 3.0/3.1 metadata-database listing), is vouched for by its size, as before identities.
 */
function vouchFor(entry: ManifestEntry | undefined, known: FileIdentity | undefined, size: number, remote: RemoteEntry | undefined): ContentId | undefined {
  if (!entry || entry.size !== size) return undefined;
  if (known && remote?.updateTime !== undefined && !serverUnmoved(known, remote)) return undefined;
  return sha256Id(entry.sha256);
}

function manifestOf(tree: TreeSnapshot, remoteRoot: string): Manifest {
  const manifest = emptyManifest(remoteRoot);
  for (const [path, file] of tree.files) manifest.files.set(path, { size: file.size, sha256: file.id.hex });
  for (const dir of tree.dirs ?? []) manifest.dirs.add(dir);
  return manifest;
}

/** The manifest, or undefined when there is none usable (then every file is compared with the server). */
async function loadUsable(statePath: string, remoteRoot: string, logger: Logger): Promise<Manifest | undefined> {
  try {
    const manifest = await loadManifest(statePath);
    if (!manifest || manifest.remoteRoot === remoteRoot) return manifest;
    logger.note(`the watch state ${statePath} was written for ${manifest.remoteRoot}; comparing every file again`);
  } catch (error) {
    logger.warn(`${error instanceof Error ? error.message : String(error)}; comparing every file again`);
  }
  return undefined;
}
