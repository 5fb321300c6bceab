export * from './camps/moc-camp.decider';
export * from './camps/moc-camp.handlers';
export * from './moc.module';
