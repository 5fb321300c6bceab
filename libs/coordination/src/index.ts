// The domain: what the read model and every other reader may use. The secretariats' side is `@ddr/coordination/desk`.
export * from './instruments/instrument.events';
export * from './instruments/instrument.commands';
export * from './instruments/instrument.state';
export * from './instruments/instrument.decider';
export * from './meetings/meeting.events';
export * from './meetings/meeting.commands';
export * from './meetings/meeting.state';
export * from './meetings/meeting.decider';
export * from './commitments/commitment.events';
export * from './commitments/commitment.commands';
export * from './commitments/commitment.state';
export * from './commitments/commitment.decider';
export * from './conditions/condition.events';
export * from './conditions/condition.commands';
export * from './conditions/condition.state';
export * from './conditions/condition.decider';
export * from './conditions/condition.evaluation';
