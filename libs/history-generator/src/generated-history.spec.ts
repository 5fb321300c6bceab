import { instrumentDecider, type InstrumentEvent, type InstrumentState } from '@ddr/coordination';
import type { Chronicle } from '@ddr/kernel';
import { generateHistory, type HistoryOptions } from './generated-history';

/** The latest effective date of a history, and how many of its instruments are still under way at its end. */
function survey(options: HistoryOptions) {
  const instruments = new Map<string, Chronicle<InstrumentEvent, InstrumentState>>();
  let latest = '';
  for (const { streamId, events } of generateHistory(options)) {
    for (const event of events) {
      const date = (event.data as { effectiveDate?: string }).effectiveDate ?? '';
      if (date > latest) latest = date;
    }
    if (!streamId.startsWith('instrument-')) continue;
    const state = instruments.get(streamId) ?? instrumentDecider.initialState();
    instruments.set(
      streamId,
      events.reduce((folded, event) => instrumentDecider.evolve(folded, event as unknown as InstrumentEvent), state),
    );
  }
  const underWay = [...instruments.values()].filter((c) => !['REJECTED', 'IMPLEMENTED', 'WITHDRAWN', 'SUPERSEDED'].includes(c.state!.status));
  return { latest, underWay: underWay.length };
}

describe('a generated history', () => {
  // A day a command on average suits a test's few thousand commands, not a benchmark's million.
  it('unplanned, advances about a day a command and leaves any instrument waiting', () => {
    const { latest, underWay } = survey({ seed: 3, commands: 12_000 });
    expect(latest > '2040-01-01').toBe(true);
    expect(underWay).toBeGreaterThan(600);
  });

  it('planned, ends by 2026 and keeps the instruments under way to a few hundred, as real secretariats would', () => {
    const { latest, underWay } = survey({ seed: 3, commands: 12_000, planned: 12_000 });
    expect(latest >= '2025-01-01' && latest < '2026-01-01').toBe(true);
    expect(underWay).toBeLessThanOrEqual(300);
  });

  it('planned for fewer commands than the years hold, keeps a day a command', () => {
    // The calendars agree while no instrument is held back (fewer than 300 are proposed in 300 commands).
    const firstDates = (history: ReturnType<typeof generateHistory>) =>
      [...history].slice(0, 20).map((append) => (append.events[0].data as { effectiveDate: string }).effectiveDate);
    const planned = firstDates(generateHistory({ seed: 4, commands: 300, planned: 300 }));
    expect(planned).toHaveLength(20);
    expect(planned).toEqual(firstDates(generateHistory({ seed: 4, commands: 300 })));
  });
});
