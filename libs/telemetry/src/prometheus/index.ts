// A separate entry: prom-client is loaded only by a server that serves /metrics.
export * from './prometheus-metrics';
