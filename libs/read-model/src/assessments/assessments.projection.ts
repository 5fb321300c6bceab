import { assessmentDecider, GRADES_STREAMS, provisionDecider, provisionStream, type ProvisionEvent } from '@ddr/coordination';
import { inEffectiveOrder, monthsFrom } from '@ddr/kernel';
import { chronicleOfActs } from '../acts/acts.projection';
import type { Projection } from '../projection';
import { statement } from '../statements';
import { IN_FORCE_COUNTS_SCHEMA } from './in-force-counts';

/**
 * The Agreement's provisions, and every assessment of every graded item as it now stands (corrections applied), by
 * effective date: an item's grade on a date is its latest assessment by then. Commitments and conditions are read
 * from their own tables, so an item is described in one place.
 */
export const assessmentsProjection: Projection = {
  name: 'assessments',
  streams: [GRADES_STREAMS, provisionStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS provisions (
      id TEXT PRIMARY KEY, instrument_id TEXT NOT NULL, chapter TEXT NOT NULL, theme TEXT NOT NULL, defined_on TEXT NOT NULL,
      seq INTEGER NOT NULL, state TEXT NOT NULL);
    -- The grade roll-ups count the provisions defined by a date per theme or chapter, and read a graded one's, without their states.
    CREATE INDEX IF NOT EXISTS provisions_by_theme ON provisions (theme, defined_on);
    CREATE INDEX IF NOT EXISTS provisions_by_chapter ON provisions (chapter, defined_on);
    CREATE INDEX IF NOT EXISTS provisions_as_items ON provisions (id, defined_on, theme, chapter);
    -- \`until\`: the effective date of the item's next assessment, from which this one is no longer its grade (null: it still is).
    CREATE TABLE IF NOT EXISTS grades (
      item_kind TEXT NOT NULL, item_id TEXT NOT NULL, effective_date TEXT NOT NULL, revision INTEGER NOT NULL,
      grade INTEGER NOT NULL, assessor TEXT NOT NULL, state TEXT NOT NULL, until TEXT,
      PRIMARY KEY (item_kind, item_id, effective_date, revision));
    CREATE INDEX IF NOT EXISTS grades_current ON grades (item_kind, effective_date, item_id, grade) WHERE until IS NULL;
    -- Each superseded grade once for every month it was an item's grade in: the grades on a date are found among those
    -- of its month and the current ones, not among every assessment ever made.
    CREATE TABLE IF NOT EXISTS grade_months (
      month TEXT NOT NULL, item_kind TEXT NOT NULL, item_id TEXT NOT NULL, effective_date TEXT NOT NULL, until TEXT NOT NULL, grade INTEGER NOT NULL,
      PRIMARY KEY (month, item_kind, item_id, effective_date)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS grade_months_by_item ON grade_months (item_kind, item_id);
    ${IN_FORCE_COUNTS_SCHEMA}
  `,
  apply(db, event) {
    if (event.streamId.startsWith(provisionStream(''))) {
      const provision = provisionDecider.evolve(null, event as unknown as ProvisionEvent)!;
      statement(db, 'INSERT INTO provisions (id, instrument_id, chapter, theme, defined_on, seq, state) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        provision.id,
        provision.instrumentId,
        provision.chapter,
        provision.theme,
        provision.definedOn,
        event.seq,
        JSON.stringify(provision),
      );
      return;
    }
    const { item, itemId } = event.data as { item: string; itemId: string };
    // A handful of assessments an item: all placed again, in effective-date order, at every one.
    const { entries } = chronicleOfActs(db, assessmentDecider.spec, event.streamId);
    // The order in which the latest is chosen: by effective date, then by revision.
    const placed = inEffectiveOrder(entries).sort((a, b) => a.act.data.effectiveDate.localeCompare(b.act.data.effectiveDate) || a.revision - b.revision);
    const rows = placed.map(({ act, revision, recordedBy, correctedBy }, i): GradeRow => {
      const { assessor, grade, finding, source, effectiveDate } = act.data;
      const state = JSON.stringify({ assessor, grade, finding, source, effectiveDate, revision, recordedBy, corrected: correctedBy.length > 0 });
      return { effectiveDate, revision, grade, assessor, state, until: placed[i + 1]?.act.data.effectiveDate ?? null };
    });
    const stored = new Map(
      statement<[string, string], GradeRow>(
        db,
        'SELECT effective_date AS effectiveDate, revision, grade, assessor, state, until FROM grades WHERE item_kind = ? AND item_id = ?',
      )
        .all(item, itemId)
        .map((row) => [gradeKey(row), row]),
    );
    // Only the rows that changed are written (mostly the previous grade's `until`): the kept counts' triggers follow each write.
    const movedDays = new Set<string>();
    for (const row of rows) {
      const was = stored.get(gradeKey(row));
      stored.delete(gradeKey(row));
      if (was && was.grade === row.grade && was.assessor === row.assessor && was.state === row.state && was.until === row.until) continue;
      movedDays.add(row.effectiveDate);
      statement(
        db,
        `INSERT INTO grades (item_kind, item_id, effective_date, revision, grade, assessor, state, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (item_kind, item_id, effective_date, revision) DO UPDATE SET grade = excluded.grade, assessor = excluded.assessor,
           state = excluded.state, until = excluded.until`,
      ).run(item, itemId, row.effectiveDate, row.revision, row.grade, row.assessor, row.state, row.until);
    }
    for (const gone of stored.values()) {
      movedDays.add(gone.effectiveDate);
      statement(db, 'DELETE FROM grades WHERE item_kind = ? AND item_id = ? AND effective_date = ? AND revision = ?').run(
        item,
        itemId,
        gone.effectiveDate,
        gone.revision,
      );
    }
    // The months of each effective date where a row moved, written again: those of the grade that day ended with.
    for (const day of movedDays) {
      statement(db, 'DELETE FROM grade_months WHERE item_kind = ? AND item_id = ? AND effective_date = ?').run(item, itemId, day);
      for (const { effectiveDate, until, grade } of rows) {
        // Superseded the same day, it was never the grade on any day.
        if (effectiveDate !== day || until === null || until === effectiveDate) continue;
        for (const month of monthsFrom(effectiveDate, until))
          statement(db, 'INSERT INTO grade_months (month, item_kind, item_id, effective_date, until, grade) VALUES (?, ?, ?, ?, ?, ?)').run(
            month,
            item,
            itemId,
            effectiveDate,
            until,
            grade,
          );
      }
    }
  },
};

interface GradeRow {
  effectiveDate: string;
  revision: number;
  grade: number;
  assessor: string;
  state: string;
  until: string | null;
}

const gradeKey = (row: GradeRow) => `${row.effectiveDate} ${row.revision}`;

/** Every item's grade on \`@on\` by its latest assessment then, whoever the assessor, as a table expression (item_kind, item_id, grade). */
export const GRADES_ON = `(SELECT item_kind, item_id, grade FROM grade_months WHERE month = substr(@on, 1, 7) AND effective_date <= @on AND until > @on
  UNION ALL SELECT item_kind, item_id, grade FROM grades WHERE until IS NULL AND effective_date <= @on)`;
