import type { EventFilter, EventStore, RecordedEvent } from './event-store.port';

export interface PagesOptions {
  /** Exclusive: the pages hold the events after it; the whole log when omitted. */
  from?: string;
  /** Events per page at most; 2,000 by default. */
  pageSize?: number;
  filter?: EventFilter;
}

/**
 * The global log forwards, one `readAll` page at a time, until a page comes
 * back empty: events appended meanwhile are read too. Each page starts after
 * the last event of the one before, so a caller that stops and resumes from
 * the last position it took neither skips nor repeats an event.
 */
export async function* pagesOf(store: EventStore, options: PagesOptions = {}): AsyncGenerator<RecordedEvent[]> {
  const { pageSize = 2_000, filter } = options;
  let from = options.from;
  for (;;) {
    const page = await store.readAll({ from, maxCount: pageSize, filter });
    if (page.length === 0) return;
    from = page[page.length - 1].position;
    yield page;
  }
}
