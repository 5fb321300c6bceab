import { signal } from './signal';

/** Where the reader is: `#/<page>/<argument>?asOf=YYYY-MM-DD`. The hash keeps every page a plain link that works offline. */
export interface Route {
  page: string;
  argument: string;
  params: URLSearchParams;
  /** The date a page answers for; null for today. */
  asOf: string | null;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  const asOf = params.get('asOf');
  return { page: page || 'body', argument: decodeURIComponent(rest.join('/')), params, asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null };
}

export const route = signal<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => route.set(parseRoute(location.hash)));

/** A link to a page, keeping the date it is read as of unless another is given. */
export function href(page: string, argument = '', params: Record<string, string | null> = {}): string {
  const query = new URLSearchParams();
  const asOf = 'asOf' in params ? params.asOf : route.get().asOf;
  for (const [name, value] of Object.entries({ ...params, asOf })) if (value) query.set(name, value);
  const search = query.toString();
  return `#/${page}${argument ? `/${encodeURIComponent(argument)}` : ''}${search ? `?${search}` : ''}`;
}
