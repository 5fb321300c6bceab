import type { WatchedChronicle } from './watch';

/** A watched stream's chronicle as the caller's file holds it: the source of truth behind the watch. */
export type ChronicleLoader = (streamId: string) => WatchedChronicle | undefined;

/**
 * The chronicles a watch holds parsed: the least recently used are let go beyond `capacity` and read
 * again from `load` when needed, so that memory does not grow with the log. A chronicle changed since
 * the last `changed()` is held until then: its file does not have it yet. Without a loader every
 * chronicle is held.
 */
export class HeldChronicles {
  private readonly held = new Map<string, WatchedChronicle>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly load?: ChronicleLoader,
    private readonly capacity = Number.POSITIVE_INFINITY,
  ) {}

  /** How many chronicles are held parsed. */
  get size(): number {
    return this.held.size;
  }

  get(streamId: string): WatchedChronicle | undefined {
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
  change(streamId: string, chronicle: WatchedChronicle): void {
    this.dirty.add(streamId);
    this.held.delete(streamId);
    this.hold(streamId, chronicle);
  }

  changed(): Array<[string, WatchedChronicle]> {
    const changed = [...this.dirty].map((streamId): [string, WatchedChronicle] => [streamId, this.held.get(streamId)!]);
    this.dirty.clear();
    return changed;
  }

  /** Lets go of every chronicle and every unsaved change: what is needed next is read from the file. */
  drop(): void {
    this.held.clear();
    this.dirty.clear();
  }

  /** Every held chronicle: all of them when there is no loader. */
  entries(): IterableIterator<[string, WatchedChronicle]> {
    return this.held.entries();
  }

  private hold(streamId: string, chronicle: WatchedChronicle): void {
    this.held.set(streamId, chronicle);
    if (this.held.size <= this.capacity) return;
    for (const held of this.held.keys()) {
      if (this.held.size <= this.capacity) return;
      if (!this.dirty.has(held)) this.held.delete(held);
    }
  }
}
