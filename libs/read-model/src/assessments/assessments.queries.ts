import { GRADED_KINDS, gradeChange, rollupOfCounts, THEMES, type GradedKind, type Rollup, type Theme } from '@ddr/coordination';
import { BODIES, type Body, type CalendarDate, type Source } from '@ddr/kernel';
import { keysetPage, type Page, type PageRequest } from '../paging';
import type { ReadModelDb } from '../read-model-db';
import { GRADES_ON } from './assessments.projection';
import {
  countsInForce,
  inForceOn,
  ITEM_TABLES,
  KEY_COLUMN,
  ROLLUP_DIMENSIONS,
  type KeyCount,
  type KeyGradeCount,
  type RollupDimension,
} from './in-force-counts';
import { statement } from '../statements';
import { hiddenIds, streamVisible } from '../visibility/visible';
import type { Viewer } from '../visibility/viewer';

/** One assessment as readers see it, corrections applied. */
export interface AssessmentReading {
  assessor: Body;
  grade: number;
  finding: string;
  effectiveDate: CalendarDate;
  source: Source;
  /** Its revision on the item's stream of assessments, by which it is corrected. */
  revision: number;
  recordedBy: Body | null;
  corrected: boolean;
}

/** A commitment, condition or provision with its grade on the date asked (null: not yet graded then). */
export interface GradedItemReading {
  kind: GradedKind;
  id: string;
  title: string;
  /** The body that promised or set it; a provision of the Agreement has none. */
  body: Body | null;
  theme: Theme;
  /** A provision's chapter of the Agreement; commitments and conditions have none. */
  chapter: string | null;
  since: CalendarDate;
  latest: AssessmentReading | null;
}

export interface GradeFilter {
  kind?: GradedKind | null;
  id?: string | null;
  theme?: Theme | null;
  body?: Body | null;
  chapter?: string | null;
  /** Only this assessor's grades count; any assessor's latest when null. */
  assessor?: Body | null;
}

export { ROLLUP_DIMENSIONS, type RollupDimension };

export interface RollupGroup extends Rollup {
  key: string;
}

export interface TrendGroup {
  key: string;
  then: Rollup;
  now: Rollup;
  /** The mean grade now less the mean then; null when either is unknown. */
  change: number | null;
}

/** Every gradable item, from the tables that describe it: a commitment's words are its description. */
const ITEMS = `(SELECT 'COMMITMENT' AS kind, id, json_extract(state, '$.description') AS title, body, json_extract(state, '$.theme') AS theme,
    NULL AS chapter, made_on AS since, NULL AS until FROM commitments
  UNION ALL SELECT 'CONDITION', id, json_extract(state, '$.title'), body, json_extract(state, '$.theme'), NULL, set_on, withdrawn_on FROM conditions
  UNION ALL SELECT 'PROVISION', id, json_extract(state, '$.title'), NULL, theme, chapter, defined_on, NULL FROM provisions) AS items`;

/** A column of the item's latest assessment by `@on` (by `@assessor` when given): the last by effective date, then by revision. */
const latest = (column: 'state' | 'grade') => `(SELECT g.${column} FROM grades g WHERE g.item_kind = items.kind AND g.item_id = items.id
  AND g.effective_date <= @on AND (@assessor IS NULL OR g.assessor = @assessor) ORDER BY g.effective_date DESC, g.revision DESC LIMIT 1)`;

type ItemRow = Omit<GradedItemReading, 'latest'> & { latest: string | null };
const reading = (row: ItemRow): GradedItemReading => ({ ...row, latest: row.latest ? (JSON.parse(row.latest) as AssessmentReading) : null });

/**
 * Items in existence on `on` (a withdrawn condition no longer is) that match the filter and that the viewer may
 * read, as SQL: a roll-up counts only what its reader may see. Each item's stream is `commitment-<id>`, ...
 */
function itemsOn(viewer: Viewer, on: CalendarDate, filter: GradeFilter) {
  const where = ['items.since <= @on', '(items.until IS NULL OR items.until > @on)', streamVisible(viewer, "lower(items.kind) || '-' || items.id")];
  for (const [field, column] of [
    ['kind', 'kind'],
    ['id', 'id'],
    ['theme', 'theme'],
    ['body', 'body'],
    ['chapter', 'chapter'],
  ] as const) {
    if (filter[field]) where.push(`items.${column} = @${field}`);
  }
  const params = { on, kind: null, id: null, theme: null, body: null, chapter: null, ...filter, assessor: filter.assessor ?? null };
  return { select: `kind, id, title, body, theme, chapter, since, ${latest('state')} AS latest`, from: ITEMS, where, params };
}

/** Graded and gradable items with their grade on `on`, by kind then id, a page at a time. */
export function gradedItemsPage(db: ReadModelDb, viewer: Viewer, on: CalendarDate, filter: GradeFilter, request: PageRequest): Page<GradedItemReading> {
  const { select, from, where, params } = itemsOn(viewer, on, filter);
  return keysetPage(
    db,
    { select, from, where, params: [params], orderBy: ['kind', 'id'], keyOf: (row: ItemRow) => [row.kind, row.id], node: reading },
    request,
  );
}

const KEY_ORDER: Record<RollupDimension, readonly string[]> = { BODY: BODIES, THEME: THEMES, CHAPTER: [] };
const byKey = (by: RollupDimension) => (a: string, b: string) => {
  const order = KEY_ORDER[by];
  return order.length ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b);
};

/**
 * The roll-up's grades by key without reading every item's assessments. Unfiltered (but by kind), from the counts
 * kept by month (`countsInForce`). Filtered, per kind, the items in force counted from their own table's index, and
 * the grades on the date of those graded then (a few thousand at most) from `GRADES_ON`. What is counted and not
 * graded is ungraded. Any assessor's latest grade only.
 */
function latestGradesByKey(db: ReadModelDb, viewer: Viewer, by: RollupDimension, on: CalendarDate, filter: GradeFilter): Map<string, Tally> {
  const groups = new Map<string, Tally>();
  const filtered = !!(filter.id || filter.theme || filter.body || filter.chapter);
  for (const kind of GRADED_KINDS) {
    if (filter.kind && filter.kind !== kind) continue;
    if (ITEM_TABLES[kind].columns[KEY_COLUMN[by]] === 'NULL') continue;
    const { items, graded } = filtered ? countedFromItems(db, viewer, kind, by, on, filter) : countsInForce(db, viewer, kind, by, on);
    for (const { key, items: n } of items) tallyOf(groups, key).items += n;
    for (const { key, grade, items: n } of graded) tallyOf(groups, key).atLevel[grade] += n;
  }
  // Kept counts may come to none (every item withdrawn, or hidden from the viewer): no group, as when counted from the items.
  for (const [key, tally] of groups) if (tally.items === 0) groups.delete(key);
  return groups;
}

/** One kind's items in force on `on` matching the filter, and those graded then by grade, read from the items. */
function countedFromItems(db: ReadModelDb, viewer: Viewer, kind: GradedKind, by: RollupDimension, on: CalendarDate, filter: GradeFilter) {
  const params = { on, id: filter.id ?? null, theme: filter.theme ?? null, body: filter.body ?? null, chapter: filter.chapter ?? null };
  const { table, since, until, columns } = ITEM_TABLES[kind];
  const key = columns[KEY_COLUMN[by]];
  const where = [inForceOn(since, until), `${key} IS NOT NULL`];
  if (filter.id) where.push('t.id = @id');
  for (const field of ['theme', 'body', 'chapter'] as const) if (filter[field]) where.push(`${columns[field]} = @${field}`);
  const hidden = hiddenIds(viewer, `${kind.toLowerCase()}-`);
  if (hidden) where.push(`t.id NOT IN (${hidden})`);
  const items = statement<[object], KeyCount>(db, `SELECT ${key} AS key, count(*) AS items FROM ${table} t WHERE ${where.join(' AND ')} GROUP BY 1`).all(
    params,
  );
  // Counted by grade in SQL too: a few thousand graded items are a few rows.
  const graded = statement<[object], KeyGradeCount>(
    db,
    `SELECT t.${key} AS key, g.grade, count(*) AS items FROM ${GRADES_ON} g JOIN ${table} t ON t.id = g.item_id
      WHERE g.item_kind = '${kind}' AND ${where.join(' AND ')} GROUP BY 1, 2`,
  ).all(params);
  return { items, graded };
}

/** How many items a group holds, and how many of them stand at each level (the others are ungraded). */
interface Tally {
  items: number;
  atLevel: Rollup['atLevel'];
}

const tallyOf = (groups: Map<string, Tally>, key: string): Tally => groups.get(key) ?? groups.set(key, { items: 0, atLevel: [0, 0, 0, 0] }).get(key)!;

const rollupOf = (tally: Tally | undefined): Rollup => rollupOfCounts(tally?.items ?? 0, tally?.atLevel ?? [0, 0, 0, 0]);

function gradesByKey(db: ReadModelDb, viewer: Viewer, by: RollupDimension, on: CalendarDate, filter: GradeFilter): Map<string, Tally> {
  if (!filter.assessor) return latestGradesByKey(db, viewer, by, on, filter);
  const { from, where, params } = itemsOn(viewer, on, filter);
  const key = `items.${KEY_COLUMN[by]}`;
  // Provisions have no body, commitments and conditions no chapter: each is rolled up where it has a place.
  const rows = statement<[object], { key: string; grade: number | null }>(
    db,
    `SELECT ${key} AS key, ${latest('grade')} AS grade FROM ${from} WHERE ${[...where, `${key} IS NOT NULL`].join(' AND ')}`,
  ).all(params);
  const groups = new Map<string, Tally>();
  for (const row of rows) {
    const tally = tallyOf(groups, row.key);
    tally.items += 1;
    if (row.grade !== null) tally.atLevel[row.grade] += 1;
  }
  return groups;
}

/** How the items stand on `on`, grouped by body, theme or chapter: the counts at each level and the graded items' mean. */
export function gradeRollup(db: ReadModelDb, viewer: Viewer, by: RollupDimension, on: CalendarDate, filter: GradeFilter = {}): RollupGroup[] {
  const groups = gradesByKey(db, viewer, by, on, filter);
  return [...groups.keys()].sort(byKey(by)).map((key) => ({ key, ...rollupOf(groups.get(key)) }));
}

/** Each group then and now, and how its mean grade moved between the two dates. */
export function gradeTrend(db: ReadModelDb, viewer: Viewer, by: RollupDimension, from: CalendarDate, to: CalendarDate, filter: GradeFilter = {}): TrendGroup[] {
  const then = gradesByKey(db, viewer, by, from, filter);
  const now = gradesByKey(db, viewer, by, to, filter);
  return [...new Set([...then.keys(), ...now.keys()])].sort(byKey(by)).map((key) => {
    const before = rollupOf(then.get(key));
    const after = rollupOf(now.get(key));
    return { key, then: before, now: after, change: gradeChange(before.meanGrade, after.meanGrade) };
  });
}

/** An item's assessments effective by `on`, in effective-date order: its history of grades. */
export function assessmentsOf(db: ReadModelDb, kind: GradedKind, id: string, on: CalendarDate): AssessmentReading[] {
  return statement<[string, string, string], { state: string }>(
    db,
    'SELECT state FROM grades WHERE item_kind = ? AND item_id = ? AND effective_date <= ? ORDER BY effective_date, revision',
  )
    .all(kind, id, on)
    .map((row) => JSON.parse(row.state) as AssessmentReading);
}

/** An item's grade on a date, by its latest assessment then (by `assessor`'s only, when given). */
export function gradeOn(db: ReadModelDb, kind: GradedKind, id: string, on: CalendarDate, assessor: Body | null = null): number | null {
  const row = statement<[object], { grade: number }>(
    db,
    `SELECT grade FROM grades WHERE item_kind = @kind AND item_id = @id AND effective_date <= @on AND (@assessor IS NULL OR assessor = @assessor)
     ORDER BY effective_date DESC, revision DESC LIMIT 1`,
  ).get({ kind, id, on, assessor });
  return row?.grade ?? null;
}
