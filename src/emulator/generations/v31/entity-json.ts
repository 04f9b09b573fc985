// The JSON the 3.0/3.1 server writes for resources: the Resource entity (dao/entity/Resource.java,
// Lombok getters, so `isDirectory` becomes "directory"), the tree of ResourceTreeVisitor (where
// `isDirctory` becomes "dirctory" and fullName loses its leading "/"), and 3.1's PageInfo.
import { formatDsDate } from '../../reply.js';
import type { ResourceRow } from '../../resource-table.js';
import { typeName } from './rules.js';

/** The entity as Jackson writes it; `userName` is only filled by the paged listing's join. */
export function resourceJson(row: ResourceRow, userName: string | null = null): Record<string, unknown> {
  return {
    id: row.id,
    pid: row.pid,
    alias: row.alias,
    fullName: row.fullName,
    directory: row.isDirectory,
    description: row.description,
    fileName: row.fileName,
    userId: row.userId,
    type: typeName(row.type),
    size: row.size,
    createTime: formatDsDate(row.createTime),
    updateTime: formatDsDate(row.updateTime),
    userName,
  };
}

interface TreeNode {
  id: number;
  pid: number;
  name: string | null;
  fullName: string;
  description: string | null;
  children: TreeNode[];
  type: string;
  currentDir: null;
  dirctory: boolean;
  idValue: string;
}

/**
 * ResourceTreeVisitor.visit: a row is a root when no listed row is its parent (so a resource
 * whose parent is not visible to the caller shows up at the top), children in listing order.
 */
export function resourceTree(rows: readonly ResourceRow[]): TreeNode[] {
  const ids = new Set(rows.map((r) => r.id));
  // Each row's children grouped once, in listing order: filtering every row for each node made the bench's
  // 44,000-row listing take seconds (quadratic), which only the CLI pays (the raw uploader never lists).
  const childrenOf = new Map<number, ResourceRow[]>();
  for (const row of rows) {
    const siblings = childrenOf.get(row.pid);
    if (siblings === undefined) childrenOf.set(row.pid, [row]);
    else siblings.push(row);
  }
  const build = (row: ResourceRow): TreeNode => ({
    id: row.id,
    pid: row.pid,
    name: row.alias,
    // String.replaceFirst("/", ""): the first slash, wherever it is.
    fullName: row.fullName.replace('/', ''),
    description: row.description,
    children: (childrenOf.get(row.id) ?? []).map(build),
    type: typeName(row.type),
    currentDir: null,
    dirctory: row.isDirectory,
    idValue: `${row.id}_${row.isDirectory ? 1 : 0}`,
  });
  return rows.filter((row) => row.pid === -1 || !ids.has(row.pid)).map(build);
}

/** api/utils/PageInfo.java of 3.1: the offset is exposed as `start` (no `pageNo` getter). */
export function pageInfoJson(pageNo: number, pageSize: number, total: number, items: unknown[]): Record<string, unknown> {
  const totalPage = total % pageSize === 0 ? Math.max(1, total / pageSize) : Math.floor(total / pageSize) + 1;
  return { totalList: items, total, totalPage, pageSize, currentPage: pageNo, start: (pageNo - 1) * pageSize };
}
