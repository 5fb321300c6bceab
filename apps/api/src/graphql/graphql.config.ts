import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { BREAK, NoSchemaIntrospectionCustomRule, visit, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import mercurius from 'mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenService } from '@ddr/access';
import type { Settings } from '@ddr/settings';
import type { OperationsMetrics } from '@ddr/telemetry';
import type { RequestContext, WebSocketConnection } from '../access/request-context';
import { operationResolved, operationStarting, type TimedOperation } from '../operations/operation-timing';
import { correlationOf, currentRequest } from '../operations/request-scope';
import { ReadSide } from '../read-side/read-side';
import { graphqlError } from './errors';
import { checkCost } from './page-cost';

/** The limits a query must stay within; each refusal says which and why. */
export const QUERY_LIMITS = { depth: 10, aliases: 15, cost: 50_000, directives: 10 };

const LIMIT_PATTERN = /depth limit|aliases limit|cost limit|directives limit/i;

/** A request HTTP itself refused (bad JSON, no body, too large) keeps its HTTP status. */
function httpFailure(errors: readonly GraphQLError[]): number | undefined {
  // Fastify's own errors (body parsing, body schema, size) carry an HTTP status; ours never do, and
  // Mercurius's GraphQL validation errors (MER_ERR_*) are answered as GraphQL errors.
  const original = errors[0]?.originalError as { statusCode?: unknown; code?: unknown } | undefined;
  const status = original?.statusCode;
  const graphqlLevel = typeof original?.code === 'string' && original.code.startsWith('MER_ERR');
  return !graphqlLevel && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** A code for every error: ours are set where they are thrown; the rest are told apart here. */
function codeOf(error: Pick<GraphQLError, 'message' | 'path' | 'extensions'>): string {
  const code = error.extensions?.code;
  if (typeof code === 'string') return code;
  if (LIMIT_PATTERN.test(error.message)) return 'QUERY_TOO_COMPLEX';
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  // Only execution errors have a path; ours all carry a code, so one without is unexpected.
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED';
}

function authContext(tokens: TokenService, authorization: unknown): RequestContext {
  try {
    const caller = tokens.fromHeader(authorization);
    // From here on, the request's log lines name the caller.
    const scope = currentRequest();
    if (scope) Object.assign(scope, { subject: caller.actor.subject, body: caller.actor.body });
    return caller;
  } catch (error) {
    return { authError: (error as Error).message };
  }
}

/** Refusals of the caller, counted by code in the metrics, wherever they were decided (guard, gate, hook). */
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED']);

/** Whether a document asks for the schema itself (`__schema` or `__type`; `__typename` is ordinary data). */
function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** GraphQL over HTTP: a client that accepts application/graphql-response+json gets it, with its status codes. */
const wantsGraphqlResponse = (request: FastifyRequest | undefined) => !!request?.headers.accept?.includes(GRAPHQL_RESPONSE_JSON);

/** Executions of a query by graphql-js before Mercurius compiles it. */
const COMPILE_AFTER = 1;

/** The GraphQL server's options: authentication, limits, error shapes, and the read-model position on every answer. */
export function graphqlOptions(
  settings: Settings,
  tokens: TokenService,
  readSide: ReadSide,
  { metrics, observed }: { metrics: OperationsMetrics; observed: boolean },
): MercuriusDriverConfig {
  const readModel = () => ({ readModel: { position: readSide.position } });
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    // A query is compiled (graphql-jit) from its second execution on: a quarter to a third more queries a second on
    // this machine. The whole suite passed with every query compiled from its first; compiled-queries.spec.ts keeps
    // the two executions' answers equal.
    jit: COMPILE_AFTER,
    path: '/graphql',
    context: (request: FastifyRequest) => ({ ...authContext(tokens, request.headers.authorization), correlationId: correlationOf(request) }),
    subscription: {
      // The socket, so that a revocation can close the connection its token opened.
      context: (socket: WebSocketConnection) => ({ connection: socket }),
      // The token travels in connection_init: { "authorization": "Bearer <token>" }.
      onConnect: ({ payload }: { payload?: Record<string, unknown> }) => {
        const context = authContext(tokens, payload?.authorization ?? payload?.Authorization);
        if (!context.actor) metrics.refusal('UNAUTHENTICATED');
        return context.actor ? context : false;
      },
      keepAlive: 30_000,
    },
    validationRules: [
      maxDepthRule({ n: QUERY_LIMITS.depth }),
      maxAliasesRule({ n: QUERY_LIMITS.aliases }),
      maxDirectivesRule({ n: QUERY_LIMITS.directives }),
      ...(settings.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    errorFormatter: (execution, context) => {
      const { response } = mercurius.defaultErrorFormatter(execution, context);
      const httpStatus = httpFailure(execution.errors);
      const errors = (response.errors ?? []).map((error) => {
        const { message, locations, path, extensions } = error as GraphQLError;
        const code = httpStatus ? 'BAD_REQUEST' : codeOf(error as GraphQLError);
        if (REFUSALS.has(code)) metrics.refusal(code);
        return { message, locations, path, extensions: { ...extensions, code } };
      });
      // A request that failed before execution (parse, validation, variables) has no data entry at all.
      const executed = (execution.data !== undefined && execution.data !== null) || errors.some((error) => error.path);
      const extensions = { ...response.extensions, ...readModel() };
      const statusCode = httpStatus ?? (!executed && wantsGraphqlResponse(context.reply?.request) ? 400 : 200);
      return { statusCode, response: executed ? { data: response.data, errors, extensions } : { errors, extensions } };
    },
    additionalRouteOptions: {
      // The GraphQL-over-HTTP spec allows `"extensions": null`; Mercurius's body schema does not.
      preValidation: async (request: FastifyRequest) => {
        const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
        if (request.method === 'POST' && type !== 'application/json' && type !== 'application/graphql') {
          throw Object.assign(new Error('a POST needs Content-Type: application/json'), { statusCode: 415 });
        }
        const body = request.body as Record<string, unknown> | null;
        if (body && typeof body === 'object' && body.extensions === null) delete body.extensions;
      },
      onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        if (wantsGraphqlResponse(request) && String(reply.getHeader('content-type')).startsWith('application/json')) {
          reply.header('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
        }
        return payload;
      },
    },
    hooks: {
      // Introspection never reaches a resolver, so no guard sees it: refuse it here to a caller without a valid
      // token. preExecution runs on every request, also when Mercurius answers a repeated query from its cache.
      preExecution: async (
        schema: GraphQLSchema,
        document: DocumentNode,
        context: RequestContext & { operation?: TimedOperation },
        variables?: Record<string, unknown>,
      ) => {
        if (!context.actor && asksForSchema(document)) {
          throw graphqlError('UNAUTHENTICATED', `the schema is for callers with a token: ${context.authError ?? 'a bearer token is required'}`);
        }
        // The cost counts page sizes, given through variables too, so it is checked here rather than in validation.
        checkCost(schema, document, variables, QUERY_LIMITS.cost);
        if (observed) operationStarting(document, context);
      },
      onResolution: async (execution, context: { operation?: TimedOperation }) => {
        execution.extensions = { ...execution.extensions, ...readModel() };
        if (observed) operationResolved(context, metrics);
      },
    },
  } as MercuriusDriverConfig;
}
