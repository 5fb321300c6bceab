export * from './camps/moc-camp.events';
export * from './camps/moc-camp.commands';
export * from './camps/moc-camp.state';
export * from './camps/moc-camp.decider';
export * from './camps/moc-camp.inputs';
export * from './camps/moc-camp.descriptors';
export * from './moc.module';
export * from './view/camps.view';
