import {
  commitmentStream,
  conditionStream,
  instrumentStream,
  instrumentsTiedTo,
  readersOf,
  tiedReaders,
  type Commitment,
  type Condition,
} from '@ddr/coordination';
import type { Body } from '@ddr/kernel';
import { currentInstrumentView } from '../instruments/current-view';
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
      const view = currentInstrumentView(db, id);
      if (!view) return;
      setReaders(db, event.streamId, readersOf(view));
      const tied = statement<[string], { stream_id: string }>(db, 'SELECT DISTINCT stream_id FROM stream_ties WHERE instrument_id = ?').all(id);
      for (const { stream_id } of tied) setReaders(db, stream_id, tiedReadersOf(db, stream_id));
      return;
    }
    const tie = tiesOf(db, event.streamId);
    if (!tie) return;
    statement(db, 'DELETE FROM stream_ties WHERE stream_id = ?').run(event.streamId);
    for (const instrumentId of tie.instruments) {
      statement(db, 'INSERT INTO stream_ties (stream_id, instrument_id, owner) VALUES (?, ?, ?)').run(event.streamId, instrumentId, tie.owner);
    }
    setReaders(db, event.streamId, tiedReadersOf(db, event.streamId));
  },
};

/** What the stream's commitment or condition is tied to, from the row its own projection just wrote. */
function tiesOf(db: ReadModelDb, streamId: string): { owner: Body; instruments: string[] } | undefined {
  const [table, id] = streamId.startsWith(commitmentStream(''))
    ? ['commitments', streamId.slice(commitmentStream('').length)]
    : ['conditions', streamId.slice(conditionStream('').length)];
  const row = statement<[string], { state: string }>(db, `SELECT state FROM ${table} WHERE id = ?`).get(id);
  if (!row) return undefined;
  const item = JSON.parse(row.state) as Commitment | Condition;
  return { owner: item.body, instruments: instrumentsTiedTo(item) };
}

function tiedReadersOf(db: ReadModelDb, streamId: string): Body[] | null {
  const ties = statement<[string], { instrument_id: string; owner: Body }>(db, 'SELECT instrument_id, owner FROM stream_ties WHERE stream_id = ?').all(
    streamId,
  );
  return ties.length
    ? tiedReaders(
        ties[0].owner,
        ties.map((tie) => readersOfStream(db, instrumentStream(tie.instrument_id))),
      )
    : null;
}

const readersOfStream = (db: ReadModelDb, streamId: string): Body[] | null => {
  const rows = statement<[string], { body: Body }>(db, 'SELECT body FROM stream_readers WHERE stream_id = ?').all(streamId);
  return rows.length ? rows.map((row) => row.body) : null;
};

function setReaders(db: ReadModelDb, streamId: string, readers: Body[] | null): void {
  statement(db, 'DELETE FROM stream_readers WHERE stream_id = ?').run(streamId);
  for (const body of readers ?? []) statement(db, 'INSERT INTO stream_readers (stream_id, body) VALUES (?, ?)').run(streamId, body);
}
