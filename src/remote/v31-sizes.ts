// File sizes for 3.0/3.1: the tree listing has none, so each directory's children are read from the paged
// listing GET /resources?type=FILE&id=<dir id>&pageNo&pageSize (ResourcesController.queryResourceListPaging;
// id -1 is the top level; PageInfo.totalList holds `Resource` entities, which have `size`).
import type { RemoteEntry } from '../core/remote-index.js';
import { asResourceEntity } from './v31-index.js';
import { relativeTo } from './remote-path.js';

const PAGE_SIZE = 500;
const PARALLEL_DIRECTORIES = 4;

export type FetchPage = (dirId: number, pageNo: number, pageSize: number) => Promise<unknown>;

/** Sets `size` on the file entries; resolves with the number of pages read. */
export async function fillSizes(root: string, dirIds: number[], entries: Map<string, RemoteEntry>, fetchPage: FetchPage): Promise<number> {
  let pages = 0;
  const readDirectory = async (dirId: number): Promise<void> => {
    for (let pageNo = 1; ; pageNo++) {
      const { items, total } = asPage(await fetchPage(dirId, pageNo, PAGE_SIZE));
      pages++;
      for (const item of items) setSize(root, item, entries);
      if (items.length < PAGE_SIZE || pageNo * PAGE_SIZE >= total) return;
    }
  };
  const queue = [...dirIds];
  const worker = async (): Promise<void> => {
    for (let dirId = queue.shift(); dirId !== undefined; dirId = queue.shift()) await readDirectory(dirId);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DIRECTORIES, queue.length) }, worker));
  return pages;
}

function asPage(data: unknown): { items: unknown[]; total: number } {
  const { totalList, total } = (data ?? {}) as { totalList?: unknown; total?: unknown };
  const items = Array.isArray(totalList) ? totalList : [];
  return { items, total: typeof total === 'number' ? total : items.length };
}

function setSize(root: string, item: unknown, entries: Map<string, RemoteEntry>): void {
  const entity = asResourceEntity(item);
  if (entity === undefined || entity.directory || entity.size === undefined) return;
  const path = relativeTo(root, entity.fullName);
  const entry = path === undefined ? undefined : entries.get(path);
  if (entry === undefined || entry.kind !== 'file') return;
  entry.size = entity.size;
  // The Resource entity's updateTime moves with every write (ResourcesServiceImpl sets it on update and on upload).
  if (entity.updateTime !== undefined) entry.updateTime = entity.updateTime;
}
