import type { ReadModelDb } from '../read-model-db';

/** Every table of a read model, every row in key order: two equal dumps mean two equal read models. */
export function dumpReadModel(db: ReadModelDb): Record<string, unknown[]> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  return Object.fromEntries(
    tables.map(({ name }) => {
      const columns = db
        .prepare(`PRAGMA table_info("${name}")`)
        .all()
        .map((_, i) => i + 1);
      return [name, db.prepare(`SELECT * FROM "${name}" ORDER BY ${columns.join(', ')}`).all()];
    }),
  );
}
