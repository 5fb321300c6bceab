import { instrumentStream } from '@ddr/coordination';
import { statesByDate, type Body, type Source } from '@ddr/kernel';
import { chronicleOfActs } from '../acts/acts.projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { countedFor, keysetPage, type Page, type PageRequest } from '../paging';
import { seqKnownAt, type Clocks } from '../time-travel';
import { instrumentViewFold, type InstrumentView } from './instrument-view';

const parse = (row: { view: string } | undefined) => (row ? (JSON.parse(row.view) as InstrumentView) : null);

/**
 * One instrument now, as of a date (its state after the acts effective by then, corrections included), as
 * known at an instant (what the log held then), or both (the acts known then, folded up to the date).
 */
export function findInstrument(db: ReadModelDb, id: string, clocks: Clocks = {}): InstrumentView | null {
  if (!clocks.asOf && !clocks.knownAt) {
    return parse(statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id));
  }
  if (!clocks.knownAt) {
    return parse(
      statement<[string, string], { view: string }>(
        db,
        'SELECT view FROM instrument_dated WHERE instrument_id = ? AND effective_date <= ? ORDER BY effective_date DESC LIMIT 1',
      ).get(id, clocks.asOf!),
    );
  }
  const seq = seqKnownAt(db, clocks.knownAt);
  if (!clocks.asOf) {
    return parse(
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

export interface InstrumentFilter {
  status?: string | null;
  kind?: string | null;
  leadBody?: Body | null;
  awaiting?: Body | null;
}

const instrumentNode = (row: { view: string }) => JSON.parse(row.view) as InstrumentView;

/** Instruments by id, filtered, a page at a time; the current state only. */
export function listInstruments(db: ReadModelDb, filter: InstrumentFilter, request: PageRequest): Page<InstrumentView> {
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
      orderBy: ['i.id'],
      keyOf: (row: { id: string; view: string }) => [row.id],
      node: instrumentNode,
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

const decisionList = (where: string[], params: unknown[]) => ({
  select: `seq, ${DECISION_COLUMNS}`,
  from: 'step_decisions',
  where,
  params,
  node: ({ seq: _seq, ...decision }: Omit<StepDecisionRow, 'source'> & { source: string; seq: number }): StepDecisionRow => decisionRow(decision),
});

/** A body's step decisions, newest first (by effective date, then as recorded). */
export function decisionsBy(db: ReadModelDb, body: Body, request: PageRequest): Page<StepDecisionRow> {
  return keysetPage(
    db,
    {
      ...decisionList(['body = ?'], [body]),
      count: countedFor(db, 'step_decisions', body),
      orderBy: ['effective_date', 'seq'],
      descending: true,
      keyOf: (row) => [row.effectiveDate, row.seq],
    },
    request,
  );
}

/** The step decisions taken at a meeting, as recorded, a page at a time. */
export function decisionsAt(db: ReadModelDb, meeting: string, request: PageRequest): Page<StepDecisionRow> {
  return keysetPage(db, { ...decisionList(['meeting = ?'], [meeting]), orderBy: ['seq'], keyOf: (row) => [row.seq] }, request);
}

/** Which of a body's queues: the instruments awaiting its own step, or those it leads or approved that await another body's. */
export type BodyQueue = 'instrument_awaiting' | 'instrument_waiting_on_others';

/** A body's queue, oldest waiting first, read from the queue's index: other bodies' instruments are never touched. */
export function queueOf(db: ReadModelDb, queue: BodyQueue, body: Body, request: PageRequest): Page<InstrumentView> {
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
      node: instrumentNode,
    },
    request,
  );
}
