import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@ddr/event-store';
import { instrumentDecider, instrumentStream, type InstrumentEvent } from '@ddr/coordination';
import { envelope, isRejection, NO_SOURCE, type ActCorrected, type Body } from '@ddr/kernel';

/** The envelope the decision runner writes, for events the bench appends directly. */
const metadata = (body: Body, effectiveDate: string, recordedAt: string) =>
  envelope({ actor: `${body.toLowerCase()}-clerk`, body, role: 'SECRETARIAT', commandId: randomUUID(), recordedAt, effectiveDate });

/** A milestone event as the command path records it: the typical small event of a long stream. */
export function milestoneEvent(instrumentId: string, n: number, body: Body = 'CTS'): EventToAppend {
  return {
    id: randomUUID(),
    type: 'MilestoneReached',
    data: { instrumentId, effectiveDate: '2020-01-01', source: NO_SOURCE, milestone: `tranche ${n} redeployed`, count: 100 + (n % 400), place: 'Gao' },
    metadata: metadata(body, '2020-01-01', new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString()),
  };
}

/**
 * The events of an instrument led by `lead` that is in implementation and has
 * exactly `events` events: proposed, its one step approved (adopted),
 * implementation started, then milestones. Decided by the real decider, so a
 * command on it behaves as on any such stream.
 */
export function implementedInstrument(instrumentId: string, events: number, lead: Body = 'CTS'): { streamId: string; events: EventToAppend[] } {
  if (events < 4) throw new Error('an instrument in implementation has at least 4 events');
  const base = { instrumentId, by: lead, effectiveDate: '2020-01-01', source: NO_SOURCE };
  const commands = [
    {
      ...base,
      type: 'ProposeInstrument',
      kind: 'PLAN',
      title: `Benchmark plan ${instrumentId}`,
      leadBody: lead,
      pathway: [{ body: lead, action: 'APPROVE', parallel: false }],
      visibility: 'PUBLIC',
    },
    { ...base, type: 'RecordStepDecision', body: lead, action: 'APPROVE', outcome: 'APPROVED', meeting: null },
    { ...base, type: 'StartImplementation' },
  ];
  let state = instrumentDecider.initialState();
  const decided: Array<InstrumentEvent | ActCorrected> = [];
  for (const command of commands) {
    const decision = instrumentDecider.decide(command as never, state);
    if (isRejection(decision)) throw new Error(`${command.type}: ${decision.message}`);
    decided.push(...decision);
    state = decision.reduce(instrumentDecider.evolve, state);
  }
  const recorded = decided.map((event, n) => ({
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: metadata(lead, '2020-01-01', new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString()),
  }));
  for (let n = recorded.length; n < events; n++) recorded.push(milestoneEvent(instrumentId, n, lead) as (typeof recorded)[number]);
  return { streamId: instrumentStream(instrumentId), events: recorded };
}
