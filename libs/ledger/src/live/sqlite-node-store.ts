import { HASH_SIZE } from '../leaf';
import { nodesCompletedBy, type MerkleNodeStore } from '../node-store';
import type { LedgerDb } from './ledger-db';

/**
 * The tree's nodes in the ledger file. Appends run inside the caller's
 * transaction (one per batch of events); if it rolls back, `reload()` puts
 * the leaf count back to what the file holds.
 */
export class SqliteNodeStore implements MerkleNodeStore {
  private count = 0;
  private readonly sql;

  constructor(db: LedgerDb) {
    this.sql = {
      count: db.prepare<[], { n: number }>('SELECT coalesce(max(idx) + 1, 0) AS n FROM nodes WHERE level = 0'),
      node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM nodes WHERE level = ? AND idx = ?'),
      insert: db.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)'),
    };
    this.reload();
  }

  /** Reads the leaf count back from the file: after a rollback, or after another process appended. */
  reload(): void {
    this.count = this.sql.count.get()?.n ?? 0;
  }

  leafCount(): number {
    return this.count;
  }

  node(level: number, index: number): Uint8Array {
    const row = this.sql.node.get(level, index);
    if (!row) throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    return new Uint8Array(row.hash);
  }

  append(nodes: readonly Uint8Array[]): void {
    const newCount = this.count + 1;
    const expected = nodesCompletedBy(newCount);
    if (nodes.length !== expected) throw new RangeError(`expected ${expected} nodes, got ${nodes.length}`);
    if (nodes.some((hash) => hash.length !== HASH_SIZE)) throw new RangeError(`every node must be ${HASH_SIZE} bytes`);
    // The level-k node completed by leaf number newCount covers leaves up to it: index newCount / 2^k - 1.
    nodes.forEach((hash, level) => this.sql.insert.run(level, newCount / 2 ** level - 1, Buffer.from(hash)));
    this.count = newCount;
  }
}
