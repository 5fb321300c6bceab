import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace, TraceFlags, type Attributes, type Context, type Span } from '@opentelemetry/api';

/** The name our spans are made under. */
export const TRACER_NAME = 'ddr-coordination-ledger';

// Off unless the process started an OpenTelemetry SDK (apps/api's tracing bootstrap): then every helper below
// is a plain call, with no span, context switch or carrier.
let enabled = false;

/** Called once the SDK is registered; tests call it around an in-memory exporter. */
export function enableTracing(on: boolean): void {
  enabled = on;
}

export const tracingEnabled = (): boolean => enabled;

/**
 * Runs `work` inside a span named `name`, child of `parent` (the active context by default), and ends the span
 * when `work` returns or its promise settles. A failure marks the span with the error's code.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => T, parent?: Context): T {
  if (!enabled) return work();
  const base = parent ?? context.active();
  // Inside a trace the sampler left out (nine in ten at a 10 % ratio), a child would be left out too: skip it.
  const within = trace.getSpan(base)?.spanContext();
  if (within && (within.traceFlags & TraceFlags.SAMPLED) === 0) return work();
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { attributes }, base);
  try {
    const result = context.with(trace.setSpan(base, span), work);
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          failed(span, error);
          throw error;
        },
      ) as T;
    }
    span.end();
    return result;
  } catch (error) {
    failed(span, error);
    throw error;
  }
}

/** Renames the span in progress once it is known what it is about (a request, once its operation is parsed). */
export function nameSpan(name: string, attributes: Attributes): void {
  if (!enabled) return;
  trace.getActiveSpan()?.updateName(name).setAttributes(attributes);
}

/** Adds attributes to the span in progress (what is known only once it runs, e.g. a generated command id). */
export function annotateSpan(attributes: Attributes): void {
  if (enabled) trace.getActiveSpan()?.setAttributes(attributes);
}

function failed(span: Span, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : (error as Error)?.name });
  span.end();
}

/** The active trace context as W3C fields (`traceparent`, `tracestate`), for an event's metadata; empty when off. */
export function traceCarrier(): Record<string, string> {
  if (!enabled) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The trace context a carrier (an event's metadata, a request's headers) names, if it names one. */
export function contextFrom(carrier: Readonly<Record<string, unknown>>): Context | undefined {
  if (!enabled || typeof carrier.traceparent !== 'string') return undefined;
  return propagation.extract(ROOT_CONTEXT, carrier);
}
