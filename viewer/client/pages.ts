/** A list read page by page with a keyset cursor (newest first), without duplicates. */
export interface Paged<T> {
  readonly items: readonly T[];
  /** null: every page is in. */
  readonly nextCursor: string | null;
  readonly started: boolean;
}

export const emptyPaged = <T>(): Paged<T> => ({ items: [], nextCursor: null, started: false });

export const hasMore = <T>(paged: Paged<T>): boolean => !paged.started || paged.nextCursor !== null;

/** Appends a page; an item already listed (a page boundary that moved under new posts) is not repeated. */
export function appendPage<T extends { readonly id: string }>(paged: Paged<T>, page: Readonly<{ items: readonly T[]; nextCursor: string | null }>): Paged<T> {
  const seen = new Set(paged.items.map((item) => item.id));
  return { items: [...paged.items, ...page.items.filter((item) => !seen.has(item.id))], nextCursor: page.nextCursor, started: true };
}

/** Puts a live item at the top (newest first), replacing an older copy of it. */
export function prependItem<T extends { readonly id: string }>(paged: Paged<T>, item: T): Paged<T> {
  return { ...paged, items: [item, ...paged.items.filter((other) => other.id !== item.id)] };
}
