import { instrumentStream } from '@ddr/coordination';
import { statesByDate, type Body, type CalendarDate, type Source } from '@ddr/kernel';
import { chronicleOfActs } from '../acts/acts.projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { countedFor, keysetPage, pageOfRows, type Page, type PageRequest } from '../paging';
import { seqKnownAt, today, type Clocks } from '../time-travel';
import { hiddenIds, mayReadStream } from '../visibility/visible';
import type { Viewer } from '../visibility/viewer';
import { currentInstrumentView } from './current-view';
import { instrumentOn, instrumentViewFold, parseView, type InstrumentReading, type InstrumentView } from './instrument-view';
import { bodyWaitsOpenOn, WAITS_OPEN_ON } from '../delays/waits.projection';

/** Who may read the rows of an instruments list whose instrument id is the SQL expression `id`. */
const instrumentsVisibleTo = (viewer: Viewer, id: string) => ({ viewer, prefix: instrumentStream(''), id });

/** The view of the instrument whose id is the SQL expression `id` as it stood on the date `@on`, as a subquery. */
const viewOn = (id: string) => `(SELECT view FROM instrument_dated WHERE instrument_id = ${id} AND effective_date <= @on ORDER BY effective_date DESC LIMIT 1)`;

/**
 * One instrument now, as of a date (its state after the acts effective by then, corrections included), as
 * known at an instant (what the log held then), or both (the acts known then, folded up to the date).
 */
export function findInstrument(db: ReadModelDb, id: string, clocks: Clocks = {}): InstrumentView | null {
  if (!clocks.asOf && !clocks.knownAt) {
    return currentInstrumentView(db, id);
  }
  if (!clocks.knownAt) {
    return parseView(statement<[{ id: string; on: string }], { view: string }>(db, `SELECT ${viewOn('@id')} AS view`).get({ id, on: clocks.asOf! }));
  }
  const seq = seqKnownAt(db, clocks.knownAt);
  if (!clocks.asOf) {
    return parseView(
      statement<[string, number], { view: string }>(
        db,
        'SELECT view FROM instrument_versions WHERE instrument_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ).get(id, seq),
    );
  }
  const chronicle = chronicleOfActs(db, instrumentViewFold, instrumentStream(id), seq);
  const day = statesByDate(instrumentViewFold, chronicle.entries).findLast((d) => d.date <= clocks.asOf!);
  return day?.state ? { ...day.state, revision: day.revision } : null;
}

/** One instrument as a caller may read it: one it may not read answers exactly as one that does not exist. */
export function readInstrument(db: ReadModelDb, viewer: Viewer, id: string, clocks: Clocks = {}): InstrumentView | null {
  return mayReadStream(db, viewer, instrumentStream(id)) ? findInstrument(db, id, clocks) : null;
}

export interface InstrumentFilter {
  status?: string | null;
  kind?: string | null;
  leadBody?: Body | null;
  awaiting?: Body | null;
}

const instrumentNode = (row: { view: string }) => parseView(row)!;

/** Instruments by id, filtered, a page at a time; the current state only, its waits counted to `on` (today by default). */
export function listInstruments(db: ReadModelDb, viewer: Viewer, filter: InstrumentFilter, request: PageRequest, on = today()): Page<InstrumentReading> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('i.status = ?');
    params.push(filter.status);
  }
  if (filter.kind) {
    where.push('i.kind = ?');
    params.push(filter.kind.toUpperCase());
  }
  if (filter.leadBody) {
    where.push('i.lead_body = ?');
    params.push(filter.leadBody);
  }
  if (filter.awaiting) {
    where.push('i.id IN (SELECT instrument_id FROM instrument_awaiting WHERE body = ?)');
    params.push(filter.awaiting);
  }
  return keysetPage(
    db,
    {
      select: 'i.id, i.view',
      from: 'instruments i',
      where,
      params,
      // Filtered by status alone (or not at all), the list is counted beside the table.
      count: filter.kind || filter.leadBody || filter.awaiting ? undefined : countedFor(db, 'instruments', filter.status ?? null),
      orderBy: ['i.id'],
      keyOf: (row: { id: string; view: string }) => [row.id],
      node: (row) => instrumentOn(instrumentNode(row), on),
      visibleTo: instrumentsVisibleTo(viewer, 'i.id'),
    },
    request,
  );
}

export interface StepDecisionRow {
  instrumentId: string;
  body: Body;
  action: string;
  outcome: string;
  effectiveDate: string;
  meeting: string | null;
  sourceRef: string | null;
  source: Source;
}

const DECISION_COLUMNS = `instrument_id AS instrumentId, body, action, outcome, effective_date AS effectiveDate, meeting, source_ref AS sourceRef, source`;
const decisionRow = (row: Omit<StepDecisionRow, 'source'> & { source: string }): StepDecisionRow => ({ ...row, source: JSON.parse(row.source) as Source });

const decisionList = (viewer: Viewer, where: string[], params: unknown[]) => ({
  visibleTo: instrumentsVisibleTo(viewer, 'instrument_id'),
  select: `seq, ${DECISION_COLUMNS}`,
  from: 'step_decisions',
  where,
  params,
  node: ({ seq: _seq, ...decision }: Omit<StepDecisionRow, 'source'> & { source: string; seq: number }): StepDecisionRow => decisionRow(decision),
});

/** A body's step decisions, newest first (by effective date, then as recorded). */
export function decisionsBy(db: ReadModelDb, viewer: Viewer, body: Body, request: PageRequest): Page<StepDecisionRow> {
  return keysetPage(
    db,
    {
      ...decisionList(viewer, ['body = ?'], [body]),
      count: countedFor(db, 'step_decisions', body),
      orderBy: ['effective_date', 'seq'],
      descending: true,
      keyOf: (row) => [row.effectiveDate, row.seq],
    },
    request,
  );
}

/** The step decisions taken at a meeting, as recorded, a page at a time. */
export function decisionsAt(db: ReadModelDb, viewer: Viewer, meeting: string, request: PageRequest): Page<StepDecisionRow> {
  return keysetPage(db, { ...decisionList(viewer, ['meeting = ?'], [meeting]), orderBy: ['seq'], keyOf: (row) => [row.seq] }, request);
}

/** Which of a body's queues: the instruments awaiting its own step, or those it leads or approved that await another body's. */
export type BodyQueue = 'instrument_awaiting' | 'instrument_waiting_on_others';

/**
 * A body's queue, oldest waiting first, each instrument read on the date asked. Now (no `asOf`) it is
 * read from the queue's index: other bodies' instruments are never touched. As of a date it is read
 * from the steps' waits open on that date, each instrument as it stood then.
 */
export function queueOf(
  db: ReadModelDb,
  viewer: Viewer,
  queue: BodyQueue,
  body: Body,
  request: PageRequest,
  asOf?: CalendarDate | null,
): Page<InstrumentReading> {
  if (asOf) return queueOn(db, viewer, queue, body, request, asOf);
  const on = today();
  return keysetPage(
    db,
    {
      select: 'q.since, q.instrument_id AS id, i.view',
      from: `${queue} q JOIN instruments i ON i.id = q.instrument_id`,
      where: ['q.body = ?'],
      params: [body],
      count: countedFor(db, queue, body),
      orderBy: ['q.since', 'q.instrument_id'],
      keyOf: (row: { since: string; id: string; view: string }) => [row.since, row.id],
      node: (row) => instrumentOn(instrumentNode(row), on),
      visibleTo: instrumentsVisibleTo(viewer, 'q.instrument_id'),
    },
    request,
  );
}

/** What a body waited for from others on a date: the instruments it led or had approved a step of, none awaiting it. */
const WAITING_ON_OTHERS_ON = `SELECT w.instrument_id, min(w.since) AS since FROM ${WAITS_OPEN_ON} w JOIN instruments i ON i.id = w.instrument_id
    WHERE (i.lead_body = @body OR EXISTS (SELECT 1 FROM step_waits a
      WHERE a.instrument_id = w.instrument_id AND a.body = @body AND a.outcome = 'APPROVED' AND a.ended_on <= @on))
    GROUP BY w.instrument_id HAVING sum(w.body = @body) = 0`;

function queueOn(db: ReadModelDb, viewer: Viewer, queue: BodyQueue, body: Body, request: PageRequest, on: CalendarDate): Page<InstrumentReading> {
  if (queue === 'instrument_awaiting') return awaitingOn(db, viewer, body, request, on);
  return keysetPage(
    db,
    {
      select: 'q.since, q.instrument_id AS id',
      from: `(${WAITING_ON_OTHERS_ON}) q`,
      where: [],
      params: [{ body, on }],
      orderBy: ['q.since', 'q.instrument_id'],
      keyOf: (row: { since: string; id: string; view: string }) => [row.since, row.id],
      // Each instrument as it stood on the date is read for the page's rows only, not for every wait sorted to find them.
      pageColumns: `${viewOn('page.id')} AS view`,
      node: (row) => instrumentOn(instrumentNode(row), on),
      visibleTo: instrumentsVisibleTo(viewer, 'q.instrument_id'),
    },
    request,
  );
}

/** A row of a queue as of a date: since when the instrument waited, and its view then (null up to the page's start). */
type QueueRow = { since: string; id: string; view: string | null };
const queueKey = (row: QueueRow) => [row.since, row.id];

/**
 * What awaited a body on a date, oldest first, read from its waits in that order and stopped after the page: the
 * queue's first page costs what its rows cost, however long it was. An instrument awaiting the body at two
 * parallel steps is in it once, at the first; instruments are read as they stood only from the page's start on.
 */
function awaitingOn(db: ReadModelDb, viewer: Viewer, body: Body, request: PageRequest, on: CalendarDate): Page<InstrumentReading> {
  const hidden = hiddenIds(viewer, instrumentStream(''));
  const readable = hidden ? ` AND w.instrument_id NOT IN (${hidden})` : '';
  const [afterSince, afterId] = request.after ?? ['', ''];
  const columns = `w.since, w.instrument_id AS id, CASE WHEN (w.since, w.instrument_id) > (@afterSince, @afterId) THEN ${viewOn('w.instrument_id')} END AS view`;
  const [seen, rows] = [new Set<string>(), [] as QueueRow[]];
  for (const row of statement<[object], QueueRow>(db, bodyWaitsOpenOn(columns, readable)).iterate({ body, on, afterSince, afterId })) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    if (row.view !== null && rows.push(row) > request.first) break;
  }
  const count = () =>
    statement<[object], { n: number }>(db, `SELECT count(DISTINCT w.instrument_id) AS n FROM ${WAITS_OPEN_ON} w WHERE w.body = @body${readable}`).get({
      body,
      on,
    })!.n;
  return pageOfRows(rows, request, { keyOf: queueKey, node: (row) => instrumentOn(instrumentNode({ view: row.view! }), on) }, count);
}
