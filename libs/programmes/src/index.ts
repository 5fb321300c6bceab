export * from './programme.events';
export * from './programme.commands';
export * from './programme.state';
export * from './programme.decider';
export * from './programme.inputs';
export * from './programme.descriptors';
