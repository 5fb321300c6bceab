import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { WrongExpectedRevisionError } from '@ddr/event-store';
import { InvalidCommandError } from '@ddr/desks';

/** The codes a client can act on; anything else is an internal error with no detail. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'CONFLICT',
  'NOT_FOUND',
  'READ_MODEL_BEHIND',
  'STORE_UNAVAILABLE',
  'RATE_LIMITED',
  'NOT_CHECKPOINTED',
  'LEDGER_INCONSISTENT',
  'LEDGER_MISMATCH',
  'LEDGER_SIGNER_MISMATCH',
]);

export const graphqlError = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/** Our typed errors as GraphQL errors with `extensions.code`; stack traces never leave the server. */
export function toGraphqlError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const extensions: Record<string, unknown> = {};
    if (error instanceof WrongExpectedRevisionError) extensions.currentRevision = error.actual === 'no_stream' ? -1 : error.actual;
    if (error instanceof InvalidCommandError) extensions.problems = error.problems;
    const currentRevision = (error as { currentRevision?: unknown }).currentRevision;
    if (typeof currentRevision === 'number') extensions.currentRevision = currentRevision;
    return graphqlError(code, (error as Error).message, extensions);
  }
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'GraphQL');
  return graphqlError('INTERNAL_SERVER_ERROR', 'internal error; it has been logged');
}

/**
 * Every error the application throws: as a GraphQL error in GraphQL, as an HTTP answer on plain routes (health,
 * GraphiQL, unknown paths), where a 4xx is the client's business and only a 5xx is logged. A 503 is the health
 * checks' answer (the store or the read model is not there yet): sent as given, with its reason, and not logged,
 * since orchestrators poll it.
 */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): GraphQLError | undefined {
    if (host.getType<string>() === 'graphql') return toGraphqlError(exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException && (exception.getStatus() < 500 || exception.getStatus() === 503)) {
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return undefined;
    }
    Logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception), 'HTTP');
    void reply.status(500).send({ statusCode: 500, message: 'internal error; it has been logged' });
    return undefined;
  }
}
