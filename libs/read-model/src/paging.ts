import type { ReadModelDb } from './read-model-db';
import { statement } from './statements';
import { hiddenIds } from './visibility/visible';
import type { Viewer } from './visibility/viewer';

/** The key a page ends on: the values of the list's order columns for its last row. */
export type PageKey = ReadonlyArray<string | number>;

export interface Page<T> {
  nodes: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
  /** Counted when read, not before: a client that does not ask for it does not pay for it. */
  readonly totalCount: number;
}

/** How much of a list to read: at most `first` rows after the row whose key is `after`. */
export interface PageRequest {
  first: number;
  after: PageKey | null;
}

export const encodeCursor = (key: PageKey) => Buffer.from(`c:${JSON.stringify(key)}`).toString('base64url');

/** The key a cursor holds, or null when it is not one of ours (or has the wrong number of parts). */
export function decodeCursor(cursor: string, parts: number): PageKey | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith('c:')) return null;
  try {
    const key: unknown = JSON.parse(text.slice(2));
    const valid = Array.isArray(key) && key.length === parts && key.every((part) => typeof part === 'string' || typeof part === 'number');
    return valid ? key : null;
  } catch {
    return null;
  }
}

/**
 * A list read a page at a time in the order of `orderBy`, a key that ends in a unique column.
 * The page resumes strictly after the key of `after` (a row-value comparison SQLite answers
 * from an index that starts with the filter's equality columns and goes on with the key), so
 * reading page 50 costs what page 1 costs; `totalCount` counts the filtered rows only.
 */
export interface KeysetList<Row, T> {
  select: string;
  from: string;
  where: string[];
  params: unknown[];
  orderBy: string[];
  descending?: boolean;
  keyOf: (row: Row) => PageKey;
  node: (row: Row) => T;
  /** How to count the list when counting its rows would cost more than a lookup (a count kept beside it). */
  count?: () => number;
  /**
   * Who reads the list, and each row's stream as a prefix and the SQL expression of the id after it: rows the
   * viewer may not read are left out, and counted by themselves to be taken from the whole list's count. The
   * hidden streams are few, so a restricted reader's count costs what everyone's does, whatever the list's length.
   */
  visibleTo?: { viewer: Viewer; prefix: string; id: string };
  /**
   * Columns read for the page's rows only, once the page is chosen, in the same statement (`page` names its row):
   * a look-up that would cost as much for every row of a long list as it does for the page's twenty.
   */
  pageColumns?: string;
}

export function keysetPage<Row, T>(db: ReadModelDb, list: KeysetList<Row, T>, request: PageRequest): Page<T> {
  const hidden = list.visibleTo && hiddenIds(list.visibleTo.viewer, list.visibleTo.prefix);
  const countOf = (where: string[]) => () =>
    statement<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM ${list.from} WHERE ${where.length ? where.join(' AND ') : '1'}`).get(...list.params)
      ?.n ?? 0;
  const everything = list.count ?? countOf(list.where);
  const count = hidden ? () => everything() - countOf([...list.where, `${list.visibleTo!.id} IN (${hidden})`])() : everything;
  const filter = hidden ? [...list.where, `${list.visibleTo!.id} NOT IN (${hidden})`] : list.where.length ? list.where : ['1'];
  const direction = list.descending ? 'DESC' : 'ASC';
  const resume = request.after ? [`(${list.orderBy.join(', ')}) ${list.descending ? '<' : '>'} (${list.orderBy.map(() => '?').join(', ')})`] : [];
  const page = `SELECT ${list.select} FROM ${list.from} WHERE ${[...filter, ...resume].join(' AND ')}
     ORDER BY ${list.orderBy.map((column) => `${column} ${direction}`).join(', ')} LIMIT ?`;
  const rows = statement<unknown[], Row>(db, list.pageColumns ? `SELECT page.*, ${list.pageColumns} FROM (${page}) page` : page).all(
    ...list.params,
    ...(request.after ?? []),
    request.first + 1,
  );
  // SQL does not promise that the outer select keeps the page's order: the keys restore it.
  if (list.pageColumns) rows.sort((a, b) => compareKeys(list.keyOf(a), list.keyOf(b)) * (list.descending ? -1 : 1));
  return pageOfRows(rows, request, list, count);
}

/** A page of the rows read from its start on, one more than it holds when there is a next page; counted when asked. */
export function pageOfRows<Row, T>(rows: readonly Row[], request: PageRequest, list: Pick<KeysetList<Row, T>, 'keyOf' | 'node'>, count: () => number): Page<T> {
  return {
    nodes: rows.slice(0, request.first).map((row) => ({ cursor: encodeCursor(list.keyOf(row)), node: list.node(row) })),
    hasNextPage: rows.length > request.first,
    get totalCount() {
      return count();
    },
  };
}

/** The count the read model keeps of a list's rows with one key (`list_counts`: a body's queue, the instruments in a status), or of all its rows. */
export function countedFor(db: ReadModelDb, list: string, key: string | null): () => number {
  return () =>
    statement<[object], { n: number | null }>(db, 'SELECT sum(n) AS n FROM list_counts WHERE list = @list AND (@key IS NULL OR key = @key)').get({ list, key })
      ?.n ?? 0;
}

const compareKeys = (a: PageKey, b: PageKey): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
};

/**
 * A page of a list already in memory (short by the domain, or evaluated row by row), given in
 * ascending order of its key: it resumes after `after` even when that row has since left the list.
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => PageKey, request: PageRequest): Page<T> {
  const after = request.after;
  const start = after === null ? 0 : items.findIndex((item) => compareKeys(keyOf(item), after) > 0);
  return pageOfRows(start < 0 ? [] : items.slice(start), request, { keyOf, node: (item) => item }, () => items.length);
}
