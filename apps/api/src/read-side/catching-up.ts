import type { FastifyInstance } from 'fastify';
import type { ReadSide } from './read-side';

/** The routes that answer from the read model (GraphQL, its subscriptions, the CSV exports). */
const READS = /^\/(graphql|exports)(\/|\?|$)/;

/**
 * Until the read model holds what the log held when the server started (a new version rebuilt from the log, a
 * restore), its answers would be older than what clients already saw, and an instrument's restriction could be
 * missing from it: the routes that read it are refused with 503 and `READ_MODEL_CATCHING_UP`, while `/health`
 * says how far behind it is.
 */
export function refuseReadsWhileCatchingUp(fastify: FastifyInstance, readSide: ReadSide): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (readSide.caughtUpWithStart || !READS.test(request.url)) return done();
    const message = `the read model is catching up with the log since the server started (applied up to ${readSide.position ?? 'nothing'}); retry shortly, GET /health says how far`;
    void reply
      .status(503)
      .header('retry-after', '5')
      .send({ errors: [{ message, extensions: { code: 'READ_MODEL_CATCHING_UP', readModelPosition: readSide.position } }] });
  });
}
