// The state store of watch mode: the manifest file (what the server has, as last uploaded). It
// records only what the server accepted: a batch's changes after the batch applied, or the whole
// tree after a reconcile applied. A manifest written for another remote root is not reused.
import { sha256Id } from '../../core/change.js';
import type { Logger } from '../../core/logger.js';
import type { RootIdentity } from '../../core/watch-pause.js';
import {
  emptyManifest, loadManifest, recordChanges, saveManifest, type Manifest,
} from '../../sources/watch/manifest.js';
import type { TreeSnapshot } from './desired.js';
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
}

export async function openManifestState(statePath: string, remoteRoot: string, logger: Logger): Promise<ManifestStateStore> {
  const loaded = await loadUsable(statePath, remoteRoot, logger);
  let manifest = loaded ?? emptyManifest(remoteRoot);
  let reading: RootIdentity | undefined;
  return {
    loaded: loaded !== undefined,
    current: () => manifest,
    rootIdentity: () => manifest.root,
    readingFrom: (identity) => { reading = identity; },
    recorded: () => ({
      managed: new Set(manifest.files.keys()),
      dirs: manifest.dirs,
      vouch: (path, size) => {
        const entry = manifest.files.get(path);
        return entry && entry.size === size ? sha256Id(entry.sha256) : undefined;
      },
    }),
    async record(run: AppliedRun): Promise<boolean> {
      const { desired } = run;
      const root = reading ?? manifest.root;
      manifest = desired.kind === 'changes'
        ? recordChanges(manifest, desired.changes, desired.dirs && { added: [...desired.dirs.added], deleted: [...desired.dirs.deleted] })
        : manifestOf(desired.tree, remoteRoot);
      // An empty directory proves nothing about which one it is (a first start on a volume not mounted yet):
      // the identity is recorded with the first files.
      if (root && manifest.files.size > 0) manifest = { ...manifest, root };
      await saveManifest(statePath, manifest);
      return true;
    },
    save: () => saveManifest(statePath, manifest),
  };
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
