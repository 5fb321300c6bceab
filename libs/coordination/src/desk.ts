// The secretariats' side: command inputs, descriptors and their NestJS module. Readers import `@ddr/coordination`.
export * from './instruments/instrument.inputs';
export * from './instruments/instrument.descriptors';
export * from './meetings/meeting.inputs';
export * from './meetings/meeting.descriptors';
export * from './commitments/commitment.inputs';
export * from './commitments/commitment.descriptors';
export * from './conditions/condition.inputs';
export * from './conditions/condition.descriptors';
export * from './assessments/assessment.inputs';
export * from './assessments/assessment.descriptors';
export * from './coordination-commands';
export * from './coordination.module';
