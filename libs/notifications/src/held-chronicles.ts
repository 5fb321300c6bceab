/**
 * The chronicles a watch holds parsed: the least recently used are let go beyond `capacity` and read
 * again from `load` when needed, so that memory does not grow with the log. A chronicle changed since
 * the last `changed()` is held until then, its file not having it yet: a batch may hold more than
 * `capacity`. Without a loader every chronicle is held.
 */
export class HeldChronicles<Chronicle> {
  private readonly held = new Map<string, Chronicle>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly load?: (streamId: string) => Chronicle | undefined,
    private readonly capacity = Number.POSITIVE_INFINITY,
  ) {}

  /** How many chronicles are held parsed. */
  get size(): number {
    return this.held.size;
  }

  get(streamId: string): Chronicle | undefined {
    const held = this.held.get(streamId);
    if (held) {
      // Map order is the recency order: the first key is the least recently used.
      this.held.delete(streamId);
      this.held.set(streamId, held);
      return held;
    }
    const stored = this.load?.(streamId);
    if (stored) this.hold(streamId, stored);
    return stored;
  }

  /** A chronicle changed by what the watch was told, kept until `changed()` returns it. */
  change(streamId: string, chronicle: Chronicle): void {
    this.dirty.add(streamId);
    this.held.delete(streamId);
    this.hold(streamId, chronicle);
  }

  changed(): Array<[string, Chronicle]> {
    const changed = [...this.dirty].map((streamId): [string, Chronicle] => [streamId, this.held.get(streamId)!]);
    this.dirty.clear();
    this.trim();
    return changed;
  }

  /** Lets go of every chronicle and every unsaved change: what is needed next is read from the file. */
  drop(): void {
    this.held.clear();
    this.dirty.clear();
  }

  /** Every held chronicle: all of them when there is no loader. */
  entries(): IterableIterator<[string, Chronicle]> {
    return this.held.entries();
  }

  private hold(streamId: string, chronicle: Chronicle): void {
    this.held.set(streamId, chronicle);
    this.trim();
  }

  private trim(): void {
    if (this.held.size <= this.capacity) return;
    for (const held of this.held.keys()) {
      if (this.held.size <= this.capacity) return;
      if (!this.dirty.has(held)) this.held.delete(held);
    }
  }
}
