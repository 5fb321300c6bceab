export * from './camps/moc-camp.decider';
export * from './camps/moc-camp.inputs';
export * from './camps/moc-camp.descriptors';
export * from './moc.module';
