import { commitmentStream, conditionStream, GRADES_STREAMS, instrumentStream } from '@ddr/coordination';
import { chronicleOf, type ActCorrected, type Body, type Chronicle, type ChronicleFold, type DomainEvent, type Recorded } from '@ddr/kernel';
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
    -- The MOC's camps and patrols, for its view to count as of a date from the key alone: a patrol is recorded a day at a time, for years.
    CREATE TABLE IF NOT EXISTS moc_camp_acts (
      established INTEGER NOT NULL, camp TEXT NOT NULL, effective_date TEXT NOT NULL, revision INTEGER NOT NULL, patrols INTEGER, source_ref TEXT,
      PRIMARY KEY (established, camp, effective_date, revision)) WITHOUT ROWID;
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
    if (event.streamId !== 'moc-camps') return;
    const { camp, effectiveDate, patrols, source } = event.data as {
      camp: string;
      effectiveDate: string;
      patrols?: number | null;
      source: { ref: string | null };
    };
    statement(db, 'INSERT INTO moc_camp_acts (established, camp, effective_date, revision, patrols, source_ref) VALUES (?, ?, ?, ?, ?, ?)').run(
      event.type === 'MocCampEstablished' ? 1 : 0,
      camp,
      effectiveDate,
      event.revision,
      patrols ?? null,
      source.ref,
    );
  },
};

/** A MOC camp as established, and the joint patrols recorded around it by a date. */
export interface CampPatrols {
  camp: string;
  establishedOn: string;
  sourceRef: string | null;
  patrolDays: number;
  /** Null when a day's patrols were recorded without a count. */
  patrols: number | null;
  firstPatrolOn: string | null;
  lastPatrolOn: string | null;
}

/** The MOC's camps established by `on` and their patrols by then. */
export function campPatrolsOn(db: ReadModelDb, on: string): CampPatrols[] {
  const established = statement<[string], { camp: string; establishedOn: string; sourceRef: string | null }>(
    db,
    'SELECT camp, effective_date AS establishedOn, source_ref AS sourceRef FROM moc_camp_acts WHERE established = 1 AND effective_date <= ?',
  ).all(on);
  const patrolled = statement<[string, string], { days: number; patrols: number | null; unknown: number | null; first: string | null; last: string | null }>(
    db,
    `SELECT count(*) AS days, sum(patrols) AS patrols, sum(patrols IS NULL) AS unknown, min(effective_date) AS first, max(effective_date) AS last
      FROM moc_camp_acts WHERE established = 0 AND camp = ? AND effective_date <= ?`,
  );
  return established.map(({ camp, establishedOn, sourceRef }) => {
    const { days, patrols, unknown, first, last } = patrolled.get(camp, on)!;
    return { camp, establishedOn, sourceRef, patrolDays: days, patrols: days === 0 ? 0 : unknown ? null : patrols, firstPatrolOn: first, lastPatrolOn: last };
  });
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
