// api/utils/PageInfo.java as 3.2 and 3.3 compute it.

/** PageInfo.getTotalPage: total / pageSize rounded up, and at least 1. */
export function totalPages(total: number, pageSize: number): number {
  return total % pageSize === 0 ? Math.max(1, Math.trunc(total / pageSize)) : Math.trunc(total / pageSize) + 1;
}

/** `new PageInfo(currentPage, pageSize)` then setTotal/setTotalList: `pageNo` holds the offset. */
export function pageInfoJson(currentPage: number, pageSize: number, total: number, items: unknown[]): Record<string, unknown> {
  return { totalList: items, total, totalPage: totalPages(total, pageSize), pageSize, currentPage, pageNo: (currentPage - 1) * pageSize };
}
