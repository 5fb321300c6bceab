import { toCsv, type Cell } from './csv';
import type { ExportColumn, ExportList, ExportShape } from './export-lists';

/** More rows than this are refused (413), not cut short: a partial spreadsheet would pass for the whole list. */
export const MAX_EXPORT_ROWS = 10_000;
/** Each page asked of GraphQL: its largest allowed for the shape; null where the list is answered whole. */
const PAGE_SIZE: Readonly<Record<ExportShape, number | null>> = { connection: 100, entries: 500, list: null, single: null };

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** An export that cannot be made: the HTTP status, and the code and message the body carries. */
export class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GraphQL's codes as HTTP statuses: the same refusal, said the way a download says it. */
const STATUS_OF: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  RATE_LIMITED: 429,
  READ_MODEL_BEHIND: 503,
  STORE_UNAVAILABLE: 503,
};

export interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** `source.ref`, `awaiting.body` as one selection: `source { ref } awaiting { body }`. */
export function selectionOf(paths: readonly string[]): string {
  const tree = new Map<string, string[]>();
  for (const path of paths) {
    const [head, ...rest] = path.split('.');
    tree.set(head, [...(tree.get(head) ?? []), ...(rest.length ? [rest.join('.')] : [])]);
  }
  return [...tree.entries()].map(([field, inner]) => (inner.length ? `${field} { ${selectionOf(inner)} }` : field)).join(' ');
}

/** The list's query, its selection made from its columns in the list's shape. */
export function exportQuery(list: ExportList): string {
  const rows = selectionOf(list.columns.map((column) => column.path));
  const shaped = {
    connection: `edges { node { ${rows} } } pageInfo { hasNextPage endCursor }`,
    entries: `entries { ${rows} } hasNextPage endCursor`,
    list: rows,
    single: rows,
  }[list.shape];
  return list.query.replace('LIST', shaped);
}

const valueAt = (node: unknown, path: string): Cell =>
  path.split('.').reduce<unknown>((value, field) => (value as Record<string, unknown> | null | undefined)?.[field], node) as Cell;

function page(list: ExportList, data: Record<string, unknown>): { nodes: unknown[]; next: string | null } {
  const at = list.at.reduce<unknown>((value, field) => (value as Record<string, unknown> | null)?.[field] ?? null, data);
  if (at === null) return { nodes: [], next: null };
  if (list.shape === 'single') return { nodes: [at], next: null };
  if (list.shape === 'list') return { nodes: at as unknown[], next: null };
  if (list.shape === 'entries') {
    const { entries, hasNextPage, endCursor } = at as { entries: unknown[]; hasNextPage: boolean; endCursor: string | null };
    return { nodes: entries, next: hasNextPage ? endCursor : null };
  }
  const { edges, pageInfo } = at as { edges: Array<{ node: unknown }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  return { nodes: edges.map((edge) => edge.node), next: pageInfo.hasNextPage ? pageInfo.endCursor : null };
}

/** One row per element of the node's `spread` list (the node kept, with no element, when the list is empty). */
function spreadOut(nodes: unknown[], spread: string | undefined): unknown[] {
  if (spread === undefined) return nodes;
  return nodes.flatMap((node) => {
    const elements = (node as Record<string, unknown[]>)[spread];
    return elements.length ? elements.map((element) => ({ ...(node as object), [spread]: element })) : [{ ...(node as object), [spread]: null }];
  });
}

/**
 * Reads every page of the list through `run` (GraphQL with the caller's token) and writes the CSV. The
 * first refusal stops it: nothing of a list the caller may not read is ever written.
 */
export async function exportCsv(
  list: ExportList,
  variables: Record<string, unknown>,
  language: Language,
  run: (query: string, variables: Record<string, unknown>) => Promise<GraphqlAnswer>,
): Promise<string> {
  const query = exportQuery(list);
  const first = PAGE_SIZE[list.shape];
  const rows: Cell[][] = [];
  let after: string | null = null;
  do {
    const answer = await run(query, first === null ? variables : { ...variables, first, after });
    const [error] = answer.errors ?? [];
    if (error || !answer.data) {
      const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      throw new ExportRefused(STATUS_OF[code] ?? 500, code, error?.message ?? 'the list could not be read');
    }
    const { nodes, next } = page(list, answer.data);
    rows.push(...spreadOut(nodes, list.spread).map((node) => list.columns.map((column: ExportColumn) => valueAt(node, column.path))));
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new ExportRefused(413, 'TOO_LARGE', `${list.name} has more than ${MAX_EXPORT_ROWS} rows: narrow it (a body, a date range, a status)`);
    }
    after = next;
  } while (after !== null);
  return toCsv(
    list.columns.map((column) => column[language]),
    rows,
  );
}

/** `?lang=` first, then the first of French or English the Accept-Language header prefers; French otherwise. */
export function languageOf(lang: string | undefined, acceptLanguage: string | undefined): Language {
  if (lang !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
    throw new ExportRefused(400, 'BAD_USER_INPUT', `lang must be one of ${LANGUAGES.join(', ')}`);
  }
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...options] = part.trim().toLowerCase().split(';');
      const q = Number(
        options
          .find((option) => option.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { language: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && (LANGUAGES as readonly string[]).includes(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (preferred[0]?.language as Language | undefined) ?? 'fr';
}

/** The query string as the list's variables: only the parameters it takes, each once, typed as GraphQL wants. */
export function variablesOf(list: ExportList, query: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (name === 'lang') continue;
    const type = list.parameters[name];
    if (!type) {
      const taken = Object.keys(list.parameters).join(', ');
      throw new ExportRefused(400, 'BAD_USER_INPUT', `${list.name} takes ${taken} and lang, not ${name}`);
    }
    if (typeof value !== 'string') throw new ExportRefused(400, 'BAD_USER_INPUT', `${name} is given once`);
    if (type.startsWith('Boolean') && value !== 'true' && value !== 'false') throw new ExportRefused(400, 'BAD_USER_INPUT', `${name} is true or false`);
    variables[name] = type.startsWith('Boolean') ? value === 'true' : value;
  }
  const missing = Object.keys(list.parameters).filter((name) => list.parameters[name].endsWith('!') && !(name in variables));
  if (missing.length) throw new ExportRefused(400, 'BAD_USER_INPUT', `${list.name} needs ${missing.join(', ')}`);
  return variables;
}
