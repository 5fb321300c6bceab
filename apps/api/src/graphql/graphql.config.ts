import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { NoSchemaIntrospectionCustomRule, type GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import type { FastifyRequest } from 'fastify';
import { TokenService } from '@ddr/access';
import type { Settings } from '@ddr/settings';
import type { RequestContext } from '../access/request-context';
import { ReadSide } from '../read-side/read-side';

/** The limits a query must stay within; each refusal says which and why. */
export const QUERY_LIMITS = { depth: 10, aliases: 15, cost: 50_000, directives: 10 };

const LIMIT_PATTERN = /depth limit|aliases limit|cost limit|directives limit/i;

/** A code for every error: ours are set where they are thrown; the rest are told apart here. */
function codeOf(error: { message: string; path?: unknown; extensions?: Record<string, unknown> }): string {
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
    return { actor: tokens.fromHeader(authorization) };
  } catch (error) {
    return { authError: (error as Error).message };
  }
}

const correlationOf = (request: FastifyRequest) => {
  const header = request.headers['x-correlation-id'];
  return typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : undefined;
};

/** The GraphQL server's options: authentication, limits, error shapes, and the read-model position on every answer. */
export function graphqlOptions(settings: Settings, tokens: TokenService, readSide: ReadSide): MercuriusDriverConfig {
  const readModel = () => ({ readModel: { position: readSide.position } });
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    path: '/graphql',
    context: (request: FastifyRequest) => ({ ...authContext(tokens, request.headers.authorization), correlationId: correlationOf(request) }),
    subscription: {
      // The token travels in connection_init: { "authorization": "Bearer <token>" }.
      onConnect: ({ payload }: { payload?: Record<string, unknown> }) => {
        const context = authContext(tokens, payload?.authorization ?? payload?.Authorization);
        return context.actor ? context : false;
      },
      keepAlive: 30_000,
    },
    validationRules: [
      maxDepthRule({ n: QUERY_LIMITS.depth }),
      maxAliasesRule({ n: QUERY_LIMITS.aliases }),
      costLimitRule({ maxCost: QUERY_LIMITS.cost }),
      maxDirectivesRule({ n: QUERY_LIMITS.directives }),
      ...(settings.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    errorFormatter: (execution, context) => {
      const { statusCode, response } = mercurius.defaultErrorFormatter(execution, context);
      const errors = (response.errors ?? []).map((error) => {
        const { message, locations, path, extensions } = error as GraphQLError;
        return { message, locations, path, extensions: { ...extensions, code: codeOf(error as GraphQLError) } };
      });
      return { statusCode, response: { ...response, errors, extensions: { ...response.extensions, ...readModel() } } };
    },
    hooks: {
      onResolution: async (execution) => {
        execution.extensions = { ...execution.extensions, ...readModel() };
      },
    },
  } as MercuriusDriverConfig;
}
