import { commitmentStream, conditionStream, instrumentStream, readersOf, type Commitment, type Condition } from '@ddr/coordination';
import type { Body } from '@ddr/kernel';
import type { InstrumentView } from '../instruments/instrument-view';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';

const INSTRUMENT = instrumentStream('');

/**
 * Who may read each restricted stream (`stream_readers`: no row at all is public). An instrument's stream
 * follows its visibility and its pathway as they stand now; a commitment or a condition tied to instruments
 * (what it is about, what it requires, the act its deadline counts from) is read by the bodies that may read
 * every restricted one of them, and always by the body that recorded it. Listed after the instruments,
 * commitments and conditions: it reads the rows they just wrote.
 */
export const visibilityProjection: Projection = {
  name: 'visibility',
  streams: [INSTRUMENT, commitmentStream(''), conditionStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS stream_readers (stream_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (stream_id, body));
    CREATE TABLE IF NOT EXISTS stream_ties (stream_id TEXT NOT NULL, instrument_id TEXT NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (stream_id, instrument_id));
    CREATE INDEX IF NOT EXISTS stream_ties_by_instrument ON stream_ties (instrument_id);
  `,
  apply(db, event) {
    if (event.streamId.startsWith(INSTRUMENT)) {
      const id = event.data.instrumentId as string;
      const row = statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id);
      if (!row) return;
      setReaders(db, event.streamId, readersOf(JSON.parse(row.view) as InstrumentView));
      const tied = statement<[string], { stream_id: string }>(db, 'SELECT DISTINCT stream_id FROM stream_ties WHERE instrument_id = ?').all(id);
      for (const { stream_id } of tied) setReaders(db, stream_id, tiedReaders(db, stream_id));
      return;
    }
    const tie = event.streamId.startsWith(commitmentStream(''))
      ? commitmentTies(db, event.data.commitmentId as string)
      : conditionTies(db, event.data.conditionId as string);
    if (!tie) return;
    statement(db, 'DELETE FROM stream_ties WHERE stream_id = ?').run(event.streamId);
    for (const instrumentId of new Set(tie.instruments)) {
      statement(db, 'INSERT INTO stream_ties (stream_id, instrument_id, owner) VALUES (?, ?, ?)').run(event.streamId, instrumentId, tie.owner);
    }
    setReaders(db, event.streamId, tiedReaders(db, event.streamId));
  },
};

function commitmentTies(db: ReadModelDb, id: string) {
  const row = statement<[string], { state: string }>(db, 'SELECT state FROM commitments WHERE id = ?').get(id);
  if (!row) return undefined;
  const commitment = JSON.parse(row.state) as Commitment;
  return { owner: commitment.body, instruments: [commitment.instrumentId, commitment.dueAfter?.instrumentId].filter((i): i is string => !!i) };
}

function conditionTies(db: ReadModelDb, id: string) {
  const row = statement<[string], { state: string }>(db, 'SELECT state FROM conditions WHERE id = ?').get(id);
  if (!row) return undefined;
  const condition = JSON.parse(row.state) as Condition;
  const required = condition.requires.flatMap((r) => ('instrumentId' in r ? [r.instrumentId] : []));
  return { owner: condition.body, instruments: [...required, condition.dueAfter?.instrumentId].filter((i): i is string => !!i) };
}

/** The bodies that may read every restricted instrument a stream is tied to, and its owner; null when none is restricted. */
function tiedReaders(db: ReadModelDb, streamId: string): Body[] | null {
  const ties = statement<[string], { instrument_id: string; owner: Body }>(db, 'SELECT instrument_id, owner FROM stream_ties WHERE stream_id = ?').all(
    streamId,
  );
  let readers: Body[] | null = null;
  for (const { instrument_id } of ties) {
    const allowed = readersOfStream(db, instrumentStream(instrument_id));
    if (allowed) readers = readers ? readers.filter((body) => allowed.includes(body)) : allowed;
  }
  return readers && [...new Set([ties[0].owner, ...readers])];
}

const readersOfStream = (db: ReadModelDb, streamId: string): Body[] | null => {
  const rows = statement<[string], { body: Body }>(db, 'SELECT body FROM stream_readers WHERE stream_id = ?').all(streamId);
  return rows.length ? rows.map((row) => row.body) : null;
};

function setReaders(db: ReadModelDb, streamId: string, readers: Body[] | null): void {
  statement(db, 'DELETE FROM stream_readers WHERE stream_id = ?').run(streamId);
  for (const body of readers ?? []) statement(db, 'INSERT INTO stream_readers (stream_id, body) VALUES (?, ?)').run(streamId, body);
}
