import { isBody } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { frozen, rememberedEach } from '../readings';
import { statement } from '../statements';
import type { Viewer } from './viewer';

/** The auditors' own streams (the access log, people's tokens): never in a body's timeline. */
const AUDIT_STREAMS = ['access-log', 'accounts'];

/** The viewer's body as the rule compares it ('' for none), checked to be a body: the SQL forms inline it. */
function bodyOf(viewer: Viewer): string {
  if (viewer.body !== null && !isBody(viewer.body)) throw new Error(`not a body: ${String(viewer.body)}`);
  return viewer.body ?? '';
}

/**
 * The one rule, as SQL: whether the viewer may read the stream named by the expression `stream` (qualified with its
 * table: inside the rule a bare `stream_id` would name the readers' own column). A stream without readers is public.
 * The body is inlined (a Body, checked) so that every query keeps its own parameters.
 */
export function streamVisible(viewer: Viewer, stream: string): string {
  if (viewer.everything) return '1';
  const body = bodyOf(viewer);
  const readers = `SELECT 1 FROM stream_readers r WHERE r.stream_id = ${stream}`;
  const audit = AUDIT_STREAMS.map((name) => `'${name}'`).join(', ');
  return `(${stream} NOT IN (${audit}) AND (NOT EXISTS (${readers}) OR EXISTS (${readers} AND r.body = '${body}')))`;
}

/**
 * The same rule for a whole table of items at once, as SQL: the ids of `prefix` streams the viewer may not read
 * (restricted, and not to the viewer's body), or null when it reads everything. Counting items that are not among
 * them reads the few restricted streams once, not the readers of every item.
 */
export function hiddenIds(viewer: Viewer, prefix: string): string | null {
  if (viewer.everything) return null;
  const body = bodyOf(viewer);
  const after = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
  return `SELECT substr(stream_id, ${prefix.length + 1}) FROM stream_readers WHERE stream_id >= '${prefix}' AND stream_id < '${after}'
    GROUP BY stream_id HAVING sum(body = '${body}') = 0`;
}

/** The bodies that may read each of these streams (none: public), the streams not remembered read in one statement. */
function readersOfStreams(db: ReadModelDb, streamIds: readonly string[]): Map<string, readonly string[]> {
  return rememberedEach(db, 'stream readers', streamIds, (missing) => {
    const readers = new Map<string, string[]>(missing.map((streamId) => [streamId, []]));
    const rows = statement<[string], { stream_id: string; body: string }>(
      db,
      'SELECT stream_id, body FROM stream_readers WHERE stream_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(missing));
    for (const row of rows) readers.get(row.stream_id)!.push(row.body);
    for (const bodies of readers.values()) frozen(bodies);
    return readers;
  });
}

/** Whether the viewer may read one stream: the rule of `streamVisible`, on the stream's readers as remembered. */
export function mayReadStream(db: ReadModelDb, viewer: Viewer, streamId: string): boolean {
  if (viewer.everything) return true;
  const body = bodyOf(viewer);
  if (AUDIT_STREAMS.includes(streamId)) return false;
  const readers = readersOfStreams(db, [streamId]).get(streamId)!;
  return readers.length === 0 || readers.includes(body);
}

/** Which of these streams are restricted: each read of one is written to the access log, whoever reads it. */
export function restrictedAmong(db: ReadModelDb, streamIds: Iterable<string>): string[] {
  const readers = readersOfStreams(db, [...new Set(streamIds)]);
  return [...readers].filter(([, bodies]) => bodies.length > 0).map(([streamId]) => streamId);
}
