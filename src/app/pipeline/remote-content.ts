// Before a full reconcile rewrites a remote file, prove whether it already holds the desired bytes.
// Only remote files whose size matches (or is unknown) are candidates; a recorded state may vouch
// for a file of the same size, and the rest are downloaded and named with the SOURCE's own hash
// function, so a git blob id is compared with a git blob id and a sha256 with a sha256.
import type { ContentId, DesiredTree, FileRef } from '../../core/change.js';
import { mapLimit } from '../../core/map-limit.js';
import type { RemoteIndex } from '../../core/remote-index.js';
import type { ResourceCenter } from '../../remote/port.js';
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
  const downloaded = await mapLimit(toDownload, concurrency,
    async (file) => [file.path, source.contentIdOf(await center.download(file.path))] as const);
  for (const [path, id] of downloaded) known.set(path, id);
  return known;
}
