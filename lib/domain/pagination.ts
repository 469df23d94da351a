/** Page numbers for lists paged by offset. Pages count from 1. */

/** The last page of `total` items, `pageSize` per page; 1 for an empty list (it still shows its empty state). */
export function lastPageOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** `page` if it exists, else the last page: an old link past the end shows the last page, not an empty table. */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, page), lastPageOf(total, pageSize));
}
