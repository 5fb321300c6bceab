import { isBody } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import type { Viewer } from './viewer';

/** The auditors' own streams (the access log, people's tokens): never in a body's timeline. */
const AUDIT_STREAMS = ['access-log', 'accounts'];

/**
 * The one rule, as SQL: whether the viewer may read the stream named by the expression `stream` (qualified with its
 * table: inside the rule a bare `stream_id` would name the readers' own column). A stream without readers is public.
 * The body is inlined (a Body, checked) so that every query keeps its own parameters.
 */
export function streamVisible(viewer: Viewer, stream: string): string {
  if (viewer.everything) return '1';
  if (viewer.body !== null && !isBody(viewer.body)) throw new Error(`not a body: ${String(viewer.body)}`);
  const readers = `SELECT 1 FROM stream_readers r WHERE r.stream_id = ${stream}`;
  const audit = AUDIT_STREAMS.map((name) => `'${name}'`).join(', ');
  return `(${stream} NOT IN (${audit}) AND (NOT EXISTS (${readers}) OR EXISTS (${readers} AND r.body = '${viewer.body ?? ''}')))`;
}

/**
 * The same rule for a whole table of items at once, as SQL: the ids of `prefix` streams the viewer may not read
 * (restricted, and not to the viewer's body), or null when it reads everything. Counting items that are not among
 * them reads the few restricted streams once, not the readers of every item.
 */
export function hiddenIds(viewer: Viewer, prefix: string): string | null {
  if (viewer.everything) return null;
  if (viewer.body !== null && !isBody(viewer.body)) throw new Error(`not a body: ${String(viewer.body)}`);
  const after = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
  return `SELECT substr(stream_id, ${prefix.length + 1}) FROM stream_readers WHERE stream_id >= '${prefix}' AND stream_id < '${after}'
    GROUP BY stream_id HAVING sum(body = '${viewer.body ?? ''}') = 0`;
}

/** Whether the viewer may read one stream. */
export function mayReadStream(db: ReadModelDb, viewer: Viewer, streamId: string): boolean {
  return (
    viewer.everything || !!statement<[{ stream: string }], { ok: number }>(db, `SELECT ${streamVisible(viewer, '@stream')} AS ok`).get({ stream: streamId })?.ok
  );
}

/** Which of these streams are restricted: each read of one is written to the access log, whoever reads it. */
export function restrictedAmong(db: ReadModelDb, streamIds: Iterable<string>): string[] {
  const ids = [...new Set(streamIds)];
  if (ids.length === 0) return [];
  return statement<[string], { stream_id: string }>(db, 'SELECT DISTINCT stream_id FROM stream_readers WHERE stream_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids))
    .map((row) => row.stream_id);
}
