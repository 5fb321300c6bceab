import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TRACER_NAME, tracingEnabled } from '@ddr/telemetry';

/** Who and what a request is about: on every log line written while it runs. Never a token. */
export interface RequestScope {
  requestId: string;
  /** The client's X-Correlation-Id when it sent a well-formed one, else the request id. */
  correlationId: string;
  /** Known once the bearer token is checked. */
  subject?: string;
  body?: string | null;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** The scope of the request this code runs for, if any. */
export const currentRequest = (): RequestScope | undefined => scopes.getStore();

const WELL_FORMED = /^[\w.-]{1,100}$/;

/** X-Request-Id from a proxy when it is well formed, else a new one: Fastify's `genReqId`. */
export const requestIdOf = (request: { headers: Record<string, unknown> }): string => {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : randomUUID();
};

/** The X-Correlation-Id a client sent, when well formed. */
export const correlationOf = (request: Pick<FastifyRequest, 'headers'>): string | undefined => {
  const header = request.headers['x-correlation-id'];
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : undefined;
};

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * Every request runs in its scope (for the log lines) and, when tracing, in a server span continuing the
 * caller's `traceparent`: `AsyncLocalStorage.run` around the rest of the request, as @fastify/request-context
 * does, so resolvers, the command bus and the store's append all see it.
 */
export function enterRequestScope(fastify: FastifyInstance, { logRequests }: { logRequests: boolean }): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    const scope: RequestScope = { requestId: request.id, correlationId: correlationOf(request) ?? request.id };
    if (!tracingEnabled()) return scopes.run(scope, done);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = trace.getTracer(TRACER_NAME).startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unknown route'}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'ddr.request_id': request.id, 'ddr.correlation_id': scope.correlationId },
      },
      parent,
    );
    spans.set(request, span);
    scopes.run(scope, () => context.with(trace.setSpan(parent, span), done));
  });
  if (logRequests) {
    fastify.addHook('onResponse', (request, reply, done) => {
      Logger.debug(`${request.method} ${request.url.split('?')[0]} ${reply.statusCode} in ${reply.elapsedTime.toFixed(1)} ms`, 'Request');
      done();
    });
  }
  if (!tracingEnabled()) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
