import { assessmentDecider, GRADES_STREAMS, provisionDecider, provisionStream, type ProvisionEvent } from '@ddr/coordination';
import { inEffectiveOrder } from '@ddr/kernel';
import { chronicleOfActs } from '../acts/acts.projection';
import type { Projection } from '../projection';
import { statement } from '../statements';

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
    CREATE TABLE IF NOT EXISTS grades (
      item_kind TEXT NOT NULL, item_id TEXT NOT NULL, effective_date TEXT NOT NULL, revision INTEGER NOT NULL,
      grade INTEGER NOT NULL, assessor TEXT NOT NULL, state TEXT NOT NULL,
      PRIMARY KEY (item_kind, item_id, effective_date, revision));
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
    statement(db, 'DELETE FROM grades WHERE item_kind = ? AND item_id = ?').run(item, itemId);
    for (const { act, revision, recordedBy, correctedBy } of inEffectiveOrder(entries)) {
      const { assessor, grade, finding, source, effectiveDate } = act.data;
      statement(db, 'INSERT INTO grades (item_kind, item_id, effective_date, revision, grade, assessor, state) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        item,
        itemId,
        effectiveDate,
        revision,
        grade,
        assessor,
        JSON.stringify({ assessor, grade, finding, source, effectiveDate, revision, recordedBy, corrected: correctedBy.length > 0 }),
      );
    }
  },
};
