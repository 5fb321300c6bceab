export * from './tracing';
export * from './metrics';
export * from './follower-lag';
export * from './instrumented-event-store';
