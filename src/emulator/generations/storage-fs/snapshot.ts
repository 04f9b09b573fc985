// snapshot() for the storage-path generations, in the shape 3.0/3.1 give it so one e2e test reads
// every generation: keys are "/" + the path below the first user's tenant resource root
// ("/gitlab/dir/a.sh"), directories included without trailing "/", sorted; no ids or descriptions
// exist any more, so every entry has id 0 and description "".
import type { SnapshotEntry } from '../generation.js';
import type { StorageFs } from './storage-fs.js';
import type { Located } from './storage-layout.js';

export async function snapshotBelow(fs: StorageFs, root: Located): Promise<Map<string, SnapshotEntry>> {
  const found: [string, SnapshotEntry][] = [];
  const walk = async (dir: Located, prefix: string): Promise<void> => {
    for (const entry of await fs.listStatus(dir) ?? []) {
      const key = `${prefix}/${entry.path.uri.slice(dir.uri.length + 1)}`;
      if (entry.isDirectory) {
        found.push([key, { kind: 'dir', id: 0, description: '' }]);
        await walk(entry.path, key);
      } else {
        const content = await fs.read(entry.path).catch(() => undefined);
        found.push([key, { kind: 'file', id: 0, description: '', ...(content === undefined ? {} : { content }) }]);
      }
    }
  };
  const rootStatus = await fs.status(root);
  if (rootStatus?.isDirectory) await walk(root, '');
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(found);
}
