export * from './tracing';
export * from './metrics';
export * from './follower-lag';
export * from './prometheus-metrics';
export * from './instrumented-event-store';
