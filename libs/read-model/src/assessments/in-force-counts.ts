import { GRADED_KINDS, type GradedKind } from '@ddr/coordination';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { hiddenIds } from '../visibility/visible';
import type { Viewer } from '../visibility/viewer';

export const ROLLUP_DIMENSIONS = ['BODY', 'THEME', 'CHAPTER'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** The column of an item that each roll-up dimension groups by. */
export const KEY_COLUMN: Record<RollupDimension, 'body' | 'theme' | 'chapter'> = { BODY: 'body', THEME: 'theme', CHAPTER: 'chapter' };

/**
 * Each kind's table as the roll-ups count it: an item is in force from `since` until `until` (null: for good), and is
 * grouped and filtered by its columns ('NULL' where the kind has none).
 */
export const ITEM_TABLES: Record<GradedKind, { table: string; since: string; until: string | null; columns: Record<'body' | 'theme' | 'chapter', string> }> = {
  COMMITMENT: { table: 'commitments', since: 'made_on', until: null, columns: { body: 'body', theme: 'theme', chapter: 'NULL' } },
  CONDITION: { table: 'conditions', since: 'set_on', until: 'withdrawn_on', columns: { body: 'body', theme: 'theme', chapter: 'NULL' } },
  PROVISION: { table: 'provisions', since: 'defined_on', until: null, columns: { body: 'NULL', theme: 'theme', chapter: 'chapter' } },
};

/** Whether a row of a table with these `since` and `until` columns is in force on `@on`, as SQL. */
export const inForceOn = (since: string, until: string | null) => `${since} <= @on${until ? ` AND (${until} IS NULL OR ${until} > @on)` : ''}`;

/** A row ended no later than it began was never in force, and is not counted at either end. */
const everInForce = (row: string, since: string, until: string | null) => (until ? `(${row}${until} IS NULL OR ${row}${until} > ${row}${since})` : '1');

/** What `countedByMonth` counts: the rows of `table` in force, per kind and key (and grade), from `since` until `until`. */
interface Counted {
  table: string;
  counts: string;
  kind: (row: string) => string;
  since: string;
  until: string | null;
  keys: Partial<Record<RollupDimension, string>>;
  grade?: string;
}

/**
 * Triggers that keep, beside `table`, how many of its rows come into force (+1) and leave it (-1) in each month, per
 * kind, dimension and key: the count in force on a date is the sum of the months before its own, plus that month's
 * changes up to the date, read from the table. Upserts change a row's dates in place, so updates move it too.
 */
function countedByMonth({ table, counts, kind, since, until, keys, grade }: Counted): string {
  const level = grade ? ', grade' : '';
  const moved = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
    INSERT INTO ${counts} (kind, dimension, key${level}, month, n)
    SELECT ${kind(row)}, d.dimension, d.key${grade ? `, ${row}.${grade}` : ''}, substr(e.date, 1, 7), ${sign} * e.n
    FROM (${Object.entries(keys)
      .map(([dimension, column]) => `SELECT '${dimension}' AS dimension, ${row}.${column} AS key`)
      .join(' UNION ALL ')}) d,
      (SELECT ${row}.${since} AS date, 1 AS n${until ? ` UNION ALL SELECT ${row}.${until}, -1` : ''}) e
    WHERE d.key IS NOT NULL AND e.date IS NOT NULL AND ${everInForce(`${row}.`, since, until)}
    ON CONFLICT (kind, dimension, month, key${level}) DO UPDATE SET n = n + excluded.n;`;
  const columns = [since, ...(until ? [until] : []), ...Object.values(keys), ...(grade ? [grade] : [])];
  return `
    CREATE TRIGGER IF NOT EXISTS ${table}_${counts}_in AFTER INSERT ON ${table} BEGIN ${moved('NEW', 1)} END;
    CREATE TRIGGER IF NOT EXISTS ${table}_${counts}_out AFTER DELETE ON ${table} BEGIN ${moved('OLD', -1)} END;
    CREATE TRIGGER IF NOT EXISTS ${table}_${counts}_moved AFTER UPDATE OF ${columns.join(', ')} ON ${table}
      WHEN ${columns.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')} BEGIN ${moved('OLD', -1)} ${moved('NEW', 1)} END;`;
}

const FORGET_GRADE = `DELETE FROM graded_spans
  WHERE item_kind = OLD.item_kind AND item_id = OLD.item_id AND effective_date = OLD.effective_date AND revision = OLD.revision;`;

/**
 * Triggers that keep `graded_spans` for one kind: each grade for the days it is its item's grade while the item is in
 * force (a withdrawn condition's grade no longer counts), with the item's keys: derived again when a grade is written
 * or an item's dates or keys change.
 */
function spansOf(kind: GradedKind): string {
  const { table, since, until, columns } = ITEM_TABLES[kind];
  const of = (row: string, column: string) => (column === 'NULL' ? 'NULL' : `${row}.${column}`);
  const spans = (grade: string, item: string, from: string, where: string) => `
    INSERT INTO graded_spans SELECT * FROM (
      SELECT ${grade}.item_kind, ${grade}.item_id, ${grade}.effective_date, ${grade}.revision, ${grade}.grade,
        ${of(item, columns.body)}, ${of(item, columns.theme)}, ${of(item, columns.chapter)}, max(${grade}.effective_date, ${item}.${since}) AS since,
        ${until ? `coalesce(min(${grade}.until, ${item}.${until}), ${grade}.until, ${item}.${until})` : `${grade}.until`} AS until
      FROM ${from} WHERE ${where}) WHERE until IS NULL OR until > since;`;
  const forget = `DELETE FROM graded_spans WHERE item_kind = '${kind}' AND item_id = OLD.id;`;
  const derive = spans('g', 'NEW', 'grades g', `g.item_kind = '${kind}' AND g.item_id = NEW.id`);
  const graded = spans('NEW', 'i', `${table} i`, 'i.id = NEW.item_id');
  const columnsKept = [since, ...(until ? [until] : []), ...Object.values(columns).filter((column) => column !== 'NULL')];
  return `
    CREATE TRIGGER IF NOT EXISTS ${table}_spans_in AFTER INSERT ON ${table} BEGIN ${derive} END;
    CREATE TRIGGER IF NOT EXISTS ${table}_spans_out AFTER DELETE ON ${table} BEGIN ${forget} END;
    CREATE TRIGGER IF NOT EXISTS ${table}_spans_moved AFTER UPDATE OF ${columnsKept.join(', ')} ON ${table}
      WHEN ${columnsKept.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')} BEGIN ${forget} ${derive} END;
    CREATE TRIGGER IF NOT EXISTS grades_${table}_spans_in AFTER INSERT ON grades WHEN NEW.item_kind = '${kind}' BEGIN ${graded} END;
    CREATE TRIGGER IF NOT EXISTS grades_${table}_spans_moved AFTER UPDATE OF grade, until ON grades WHEN NEW.item_kind = '${kind}' BEGIN ${FORGET_GRADE} ${graded} END;`;
}

/**
 * Items and grades in force per key, kept by month (`items_in_force_months`, `grades_in_force_months`): an unfiltered
 * roll-up reads a few thousand counts and a month of changes instead of every item and every grade in force.
 * After the commitments' and conditions' own tables, on which its triggers sit.
 */
export const IN_FORCE_COUNTS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS graded_spans (
    item_kind TEXT NOT NULL, item_id TEXT NOT NULL, effective_date TEXT NOT NULL, revision INTEGER NOT NULL, grade INTEGER NOT NULL,
    body TEXT, theme TEXT, chapter TEXT, since TEXT NOT NULL, until TEXT, PRIMARY KEY (item_kind, item_id, effective_date, revision)) WITHOUT ROWID;
  -- A month's spans begun and ended, for the changes within a date's month.
  CREATE INDEX IF NOT EXISTS graded_spans_begun ON graded_spans (item_kind, since, until, grade, body, theme, chapter);
  CREATE INDEX IF NOT EXISTS graded_spans_ended ON graded_spans (item_kind, until, since, grade, body, theme, chapter) WHERE until IS NOT NULL;
  CREATE TABLE IF NOT EXISTS items_in_force_months (
    kind TEXT NOT NULL, dimension TEXT NOT NULL, month TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (kind, dimension, month, key)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS grades_in_force_months (
    kind TEXT NOT NULL, dimension TEXT NOT NULL, month TEXT NOT NULL, key TEXT NOT NULL, grade INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (kind, dimension, month, key, grade)) WITHOUT ROWID;
  -- The items come into force within a month, for the changes within a date's month.
  CREATE INDEX IF NOT EXISTS commitments_made ON commitments (made_on, theme, body);
  CREATE INDEX IF NOT EXISTS conditions_set ON conditions (set_on, withdrawn_on, theme, body);
  CREATE INDEX IF NOT EXISTS conditions_withdrawn ON conditions (withdrawn_on, set_on, theme, body) WHERE withdrawn_on IS NOT NULL;
  CREATE INDEX IF NOT EXISTS provisions_defined ON provisions (defined_on, theme, chapter);
  CREATE TRIGGER IF NOT EXISTS grades_spans_out AFTER DELETE ON grades BEGIN ${FORGET_GRADE} END;
  ${GRADED_KINDS.map((kind) => {
    const { table, since, until, columns } = ITEM_TABLES[kind];
    const keys = Object.fromEntries(Object.entries(KEY_COLUMN).flatMap(([by, column]) => (columns[column] === 'NULL' ? [] : [[by, columns[column]] as const])));
    return countedByMonth({ table, counts: 'items_in_force_months', kind: () => `'${kind}'`, since, until, keys }) + spansOf(kind);
  }).join('')}
  ${countedByMonth({
    table: 'graded_spans',
    counts: 'grades_in_force_months',
    kind: (row) => `${row}.item_kind`,
    since: 'since',
    until: 'until',
    keys: KEY_COLUMN,
    grade: 'grade',
  })}
`;

/** Where `countedOn` reads a month's changes: rows of `table` (those matching `where`) by `key`, and by `grade` for grades. */
interface Changes {
  table: string;
  where: string[];
  since: string;
  until: string | null;
  key: string;
  grade?: string;
}

/** The rows in force on `@on` per key (and grade): the kept months before its month, and its own month's changes by then. */
function countedOn(counts: string, kind: GradedKind, by: RollupDimension, { table, where, since, until, key, grade }: Changes): string {
  const level = grade ? ', grade' : '';
  const month = 'substr(@on, 1, 7)';
  const changed = (date: string, n: 1 | -1, also: string) =>
    `UNION ALL SELECT ${key}${grade ? `, ${grade}` : ''}, ${n} FROM ${table} WHERE ${[...where, `${date} >= ${month}`, `${date} <= @on`, also].join(' AND ')}`;
  return `SELECT key${level}, sum(n) AS items FROM (
      SELECT key${level}, n FROM ${counts} WHERE kind = '${kind}' AND dimension = '${by}' AND month < ${month}
      ${changed(since, 1, everInForce('', since, until))}
      ${until ? changed(until, -1, `${until} > ${since}`) : ''})
    WHERE key IS NOT NULL GROUP BY key${level}`;
}

export interface KeyCount {
  key: string;
  items: number;
}
export interface KeyGradeCount extends KeyCount {
  grade: number;
}

/**
 * Per key, the items of a kind in force on `on` and those graded then by grade, from the kept counts, less the items
 * the viewer may not read (a few restricted ones, counted directly).
 */
export function countsInForce(
  db: ReadModelDb,
  viewer: Viewer,
  kind: GradedKind,
  by: RollupDimension,
  on: string,
): { items: KeyCount[]; graded: KeyGradeCount[] } {
  const { table, since, until, columns } = ITEM_TABLES[kind];
  const key = columns[KEY_COLUMN[by]];
  const items = statement<[object], KeyCount>(db, countedOn('items_in_force_months', kind, by, { table, where: [], since, until, key })).all({ on });
  const spans = { table: 'graded_spans', where: [`item_kind = '${kind}'`], since: 'since', until: 'until', key: KEY_COLUMN[by], grade: 'grade' };
  const graded = statement<[object], KeyGradeCount>(db, countedOn('grades_in_force_months', kind, by, spans)).all({ on });
  const hidden = hiddenIds(viewer, `${kind.toLowerCase()}-`);
  if (!hidden) return { items, graded };
  const hiddenItems = statement<[object], KeyCount>(
    db,
    `SELECT ${key} AS key, -count(*) AS items FROM ${table} WHERE id IN (${hidden}) AND ${inForceOn(since, until)} AND ${key} IS NOT NULL GROUP BY 1`,
  ).all({ on });
  const hiddenGrades = statement<[object], KeyGradeCount>(
    db,
    `SELECT ${KEY_COLUMN[by]} AS key, grade, -count(*) AS items FROM graded_spans
      WHERE item_kind = '${kind}' AND item_id IN (${hidden}) AND ${inForceOn('since', 'until')} AND ${KEY_COLUMN[by]} IS NOT NULL GROUP BY 1, 2`,
  ).all({ on });
  return { items: [...items, ...hiddenItems], graded: [...graded, ...hiddenGrades] };
}
