import { instrumentDecider, type InstrumentEvent } from '@ddr/coordination';
import { isRejection, jsonProblem, NO_SOURCE } from '@ddr/kernel';
import { implementedInstrument } from '../../bench/bench-events';

// The benchmarks write these events straight into the store: if the deciders' shapes move on, the benches break
// only when someone runs them. This keeps them in step with the deciders in every `npm test`.
describe('the instruments the benchmarks write', () => {
  it('are in implementation, and take a further milestone as the API would record it', () => {
    const { events } = implementedInstrument('bench-check', 6);
    expect(events.map((event) => event.type)).toEqual([
      'InstrumentProposed',
      'StepDecided',
      'InstrumentAdopted',
      'ImplementationStarted',
      'MilestoneReached',
      'MilestoneReached',
    ]);
    // What the store checks before it appends: a field the decider left undefined is refused there.
    expect(events.map((event) => jsonProblem(event.data))).toEqual(events.map(() => undefined));
    const state = events.map((event) => event as unknown as InstrumentEvent).reduce(instrumentDecider.evolve, instrumentDecider.initialState());
    expect(state.state?.status).toBe('IN_IMPLEMENTATION');
    const next = instrumentDecider.decide(
      {
        type: 'RecordMilestone',
        instrumentId: 'bench-check',
        by: 'CTS',
        effectiveDate: '2020-01-02',
        source: NO_SOURCE,
        milestone: 'load',
        count: 1,
        place: 'Gao',
      } as never,
      state,
    );
    expect(isRejection(next)).toBe(false);
  });
});
