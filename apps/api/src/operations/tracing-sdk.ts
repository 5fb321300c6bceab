import { enableTracing } from '@ddr/telemetry';

/**
 * Starts OpenTelemetry's Node SDK, which reads the standard OTEL_* variables itself (exporter endpoint and
 * protocol, headers, sampler: `OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1` for a
 * tenth), and turns our spans on. Loaded only when an OTLP endpoint is set: a server without one never
 * loads the SDK. No auto-instrumentation: our spans sit where a slow request spends its time (docs/decisions.md).
 * Resolves with the SDK's shutdown, which flushes the spans not yet exported.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({ serviceName: env.OTEL_SERVICE_NAME || 'ddr-coordination-ledger', instrumentations: [] });
  sdk.start();
  enableTracing(true);
  return () => sdk.shutdown();
}
