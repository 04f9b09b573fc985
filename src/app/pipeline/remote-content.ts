// Before a full reconcile rewrites a remote file, prove whether it already holds the desired bytes.
// Only remote files whose size matches (or is unknown) are candidates; a recorded state may vouch
// for a file of the same size, and the rest are downloaded and named with the SOURCE's own hash
// function, so a git blob id is compared with a git blob id and a sha256 with a sha256. A download
// is hashed as it arrives, never held whole (issue 11 case 16).
import { Writable } from 'node:stream';
import type { ContentId, DesiredTree, FileRef } from '../../core/change.js';
import { mapLimit } from '../../core/map-limit.js';
import type { RemoteIndex } from '../../core/remote-index.js';
import type { ResourceCenter } from '../../remote/port.js';
import { contentUnavailable } from '../../remote/write-protocol.js';
import type { ContentHasher } from '../content-id.js';
import type { DesiredTreeSource } from './desired.js';
import type { RecordedState } from './state-store.js';

export async function remoteContentIds(desired: DesiredTree, index: RemoteIndex, center: ResourceCenter,
  source: DesiredTreeSource, recorded: RecordedState, concurrency: number): Promise<Map<string, ContentId>> {
  const known = new Map<string, ContentId>();
  const toDownload: FileRef[] = [];
  for (const file of desired.values()) {
    const remote = index.entries.get(file.path);
    if (remote?.kind !== 'file' || (remote.size !== undefined && remote.size !== file.size)) continue;
    const vouched = remote.size === file.size ? recorded.vouch(file.path, file.size, remote) : undefined;
    if (vouched) known.set(file.path, vouched);
    else toDownload.push(file);
  }
  const downloaded = await mapLimit(toDownload, concurrency, async (file) => [file.path, await remoteIdOf(file, center, source)] as const);
  for (const [path, id] of downloaded) if (id !== undefined) known.set(path, id);
  return known;
}

/**
 * The remote file's content id, or undefined when it cannot be the desired one: a file the server lists but
 * can no longer serve (gone from storage, 10064) is rewritten, which is what a full reconcile is for (issue 11
 * case 13); any other failure (auth, timeout, a server down) still stops the run.
 */
async function remoteIdOf(file: FileRef, center: ResourceCenter, source: DesiredTreeSource): Promise<ContentId | undefined> {
  let hasher = source.contentHasher(file.size);
  try {
    // A transfer retried part-way starts a new hash.
    await center.downloadTo(file.path, () => hashingSink(hasher = source.contentHasher(file.size)));
  } catch (error) {
    if (contentUnavailable(error)) return undefined;
    throw error;
  }
  return hasher.digest();
}

function hashingSink(hasher: ContentHasher): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      hasher.update(chunk);
      done();
    },
  });
}
