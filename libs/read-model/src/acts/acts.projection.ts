import { commitmentStream, conditionStream, GRADES_STREAMS, instrumentStream } from '@ddr/coordination';
import { chronicleOf, type JsonObject, type ActCorrected, type Body, type Chronicle, type ChronicleFold, type DomainEvent, type Recorded } from '@ddr/kernel';
import { programmeStream } from '@ddr/programmes';
import type { ProjectedEvent, Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';

/**
 * The acts of every stream whose state is folded in effective-date order, as recorded: a late act or a
 * correction makes its projection fold the stream again from here, without going back to the store.
 */
export const actsProjection: Projection = {
  name: 'acts',
  // `moc-camps` by name: the MOC's own view (libs/bodies/moc/src/view) reads its acts here, and the read model imports no body module.
  streams: [instrumentStream(''), programmeStream(''), commitmentStream(''), conditionStream(''), GRADES_STREAMS, 'moc-camps'],
  schema: `
    CREATE TABLE IF NOT EXISTS acts (
      stream_id TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, recorded_by TEXT,
      PRIMARY KEY (stream_id, revision));
  `,
  apply(db, event) {
    statement(db, 'INSERT INTO acts (stream_id, revision, seq, type, data, recorded_by) VALUES (?, ?, ?, ?, ?, ?)').run(
      event.streamId,
      event.revision,
      event.seq,
      event.type,
      JSON.stringify(event.data),
      event.metadata.body ?? null,
    );
  },
};

/** A stream's acts as recorded, upcast, in the order recorded: for a view that folds a small stream of its own. */
export function actsOf(db: ReadModelDb, streamId: string): Array<{ type: string; data: JsonObject }> {
  return statement<[string], { type: string; data: string }>(db, 'SELECT type, data FROM acts WHERE stream_id = ? ORDER BY revision')
    .all(streamId)
    .map((row) => ({ type: row.type, data: JSON.parse(row.data) as JsonObject }));
}

/** A stream's chronicle from its recorded acts, all of them or those the read model held at `seq`. */
export function chronicleOfActs<Event extends DomainEvent, State>(
  db: ReadModelDb,
  fold: ChronicleFold<Event, State>,
  streamId: string,
  seq = Number.MAX_SAFE_INTEGER,
): Chronicle<Event, State> {
  const rows = statement<[string, number], { type: string; data: string; recorded_by: Body | null }>(
    db,
    'SELECT type, data, recorded_by FROM acts WHERE stream_id = ? AND seq <= ? ORDER BY revision',
  ).all(streamId, seq);
  return chronicleOf(
    fold,
    rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as Event['data'], recordedBy: row.recorded_by }) as Recorded<Event | ActCorrected>),
  );
}

/** Whether an event extends its stream's fold (a new act on or after the latest date) or makes it fold again from some date. */
export function refoldsFrom(event: ProjectedEvent, lastDate: string | null): string | null {
  const date = event.data.effectiveDate as string;
  if (event.type === 'ActCorrected') {
    const previous = (event.data as ActCorrected['data']).previous.effectiveDate;
    return typeof previous === 'string' && previous < date ? previous : date;
  }
  return lastDate !== null && date < lastDate ? date : null;
}
