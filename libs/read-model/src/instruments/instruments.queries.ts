import { instrumentStream } from '@ddr/coordination';
import { statesByDate, type Body, type Source } from '@ddr/kernel';
import { chronicleOfActs } from '../acts/acts.projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
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

export interface Page<T> {
  nodes: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
  totalCount: number;
}

export const encodeCursor = (key: string | number) => Buffer.from(`c:${key}`).toString('base64url');
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  return text.startsWith('c:') ? text.slice(2) : null;
}

/** Instruments by id, filtered, a page after `after`; the current state only. */
export function listInstruments(db: ReadModelDb, filter: InstrumentFilter, first: number, after: string | null): Page<InstrumentView> {
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
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const totalCount = statement<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM instruments i ${clause}`).get(...params)?.n ?? 0;
  const paging = after === null ? '' : `${where.length ? 'AND' : 'WHERE'} i.id > ?`;
  const rows = statement<unknown[], { id: string; view: string }>(db, `SELECT i.id, i.view FROM instruments i ${clause} ${paging} ORDER BY i.id LIMIT ?`).all(
    ...params,
    ...(after === null ? [] : [after]),
    first + 1,
  );
  return {
    nodes: rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.id), node: JSON.parse(row.view) as InstrumentView })),
    hasNextPage: rows.length > first,
    totalCount,
  };
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

export function decisionsBy(db: ReadModelDb, body: Body, limit: number, asOf?: string | null): StepDecisionRow[] {
  return statement<[string, string, number], Omit<StepDecisionRow, 'source'> & { source: string }>(
    db,
    `SELECT ${DECISION_COLUMNS} FROM step_decisions WHERE body = ? AND effective_date <= ? ORDER BY effective_date DESC, seq DESC LIMIT ?`,
  )
    .all(body, asOf ?? '9999-12-31', limit)
    .map(decisionRow);
}

export function decisionsAt(db: ReadModelDb, meeting: string): StepDecisionRow[] {
  return statement<[string], Omit<StepDecisionRow, 'source'> & { source: string }>(
    db,
    `SELECT ${DECISION_COLUMNS} FROM step_decisions WHERE meeting = ? ORDER BY seq`,
  )
    .all(meeting)
    .map(decisionRow);
}

/** Instruments whose awaited steps include `body` now. */
export function awaitingAction(db: ReadModelDb, body: Body): InstrumentView[] {
  return statement<[string], { view: string }>(
    db,
    `SELECT i.view FROM instrument_awaiting a JOIN instruments i ON i.id = a.instrument_id WHERE a.body = ? ORDER BY i.last_act_on, i.id`,
  )
    .all(body)
    .map((row) => JSON.parse(row.view) as InstrumentView);
}
