// Reading the storage listings of 3.2/3.3. The paged GET /resources?fullName=<dir> lists ONE directory with
// sizes (3.2 StorageEntity, 3.3 ResourceItemVO: fullName, directory, size); 3.2's GET /resources/list?fullName=
// is the whole subtree with directories but no sizes (ResourceComponent nodes); 3.3's /list is files only.
// Both generations slice pages in memory after listing the whole directory, so pages are large.
import type { Kind } from './storage-path.js';

export const PAGE_SIZE = 1000;

export interface ListedItem {
  fullName: string;
  kind: Kind;
  size: number | undefined;
  /** The storage entity's updateTime (the file's modification time in storage), paged listing only. */
  updateTime?: string;
  /** 3.2: the path relative to the LOGIN USER's resource directory (StringUtils.difference), 3.3: the base name. */
  fileName: string | undefined;
}

/**
 * A page of the paged listing; undefined when the shape is not one. PageInfo (api/utils/PageInfo.java, 3.2.2 and
 * dev) always writes `total` (Integer, 0 by default) and `totalList` (an empty list by default, set by every
 * listing: 3.2 queryResourceListPaging, dev pagingResourceItem), so `data: []`, a page without its total, or
 * one that lists more than its total is not a listing: a proxy or a server that lies (issue 11 case 6).
 */
export function parsePage(data: unknown): { items: ListedItem[]; total: number } | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { totalList, total } = data as { totalList?: unknown; total?: unknown };
  if (typeof total !== 'number') return undefined;
  if (totalList === null && total === 0) return { items: [], total: 0 };
  if (!Array.isArray(totalList) || totalList.length > total) return undefined;
  const items = totalList.map(parseItem);
  if (items.some((item) => item === undefined)) return undefined;
  return { items: items as ListedItem[], total };
}

function parseItem(value: unknown): ListedItem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { fullName, directory, isDirectory, size, fileName, updateTime } = value as Record<string, unknown>;
  if (typeof fullName !== 'string' || fullName === '') return undefined;
  // Lombok names the getter of `boolean isDirectory` isDirectory(), so Jackson writes "directory"; a primitive
  // boolean in StorageEntity (3.2.2) and ResourceItemVO (dev), so always there.
  const flag = directory ?? isDirectory;
  if (typeof flag !== 'boolean') return undefined;
  const dir = flag;
  return {
    fullName,
    kind: dir ? 'dir' : 'file',
    size: !dir && typeof size === 'number' ? size : undefined,
    fileName: typeof fileName === 'string' ? fileName : undefined,
    ...(!dir && typeof updateTime === 'string' ? { updateTime } : {}),
  };
}

/** Every node of a 3.2 /list tree, taken by its own fullName ("dirctory" sic: Lombok on `isDirctory`). */
export function flattenStorageTree(data: unknown): ListedItem[] | undefined {
  if (!Array.isArray(data)) return undefined;
  const out: ListedItem[] = [];
  const visit = (nodes: unknown[]): boolean => nodes.every((node) => {
    const { fullName, dirctory, isDirctory, children } = (node ?? {}) as Record<string, unknown>;
    const flag = dirctory ?? isDirctory;
    // ResourceComponent.isDirctory is a primitive boolean: a node without it is not the server's.
    if (typeof fullName !== 'string' || fullName === '' || typeof flag !== 'boolean') return false;
    out.push({ fullName, kind: flag ? 'dir' : 'file', size: undefined, fileName: undefined });
    return children === undefined || children === null || (Array.isArray(children) && visit(children));
  });
  return visit(data) ? out : undefined;
}

/**
 * A `searchVal` that narrows a directory listing to `name` and still matches it: the controllers pass it
 * through ParameterUtils.handleEscapes ('%' -> '////%', CR, LF, TAB and '|' -> '_') and trim it, and the
 * services keep entries whose fileName contains it. Names those would change are searched with "".
 */
export function searchValFor(name: string): string {
  return /[%|\r\n\t]/.test(name) || name.trim() !== name ? '' : name;
}

export type FetchPage = (pageNo: number, pageSize: number) => Promise<unknown>;

/** All entries of one directory, page after page; `pages` counts the requests. */
export async function readAllPages(fetchPage: FetchPage, malformed: () => Error): Promise<{ items: ListedItem[]; pages: number }> {
  const items: ListedItem[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = parsePage(await fetchPage(pageNo, PAGE_SIZE));
    if (page === undefined) throw malformed();
    items.push(...page.items);
    if (page.items.length < PAGE_SIZE || pageNo * PAGE_SIZE >= page.total) return { items, pages: pageNo };
  }
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
