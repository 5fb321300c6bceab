import 'reflect-metadata';
import fastifyCompress from '@fastify/compress';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Settings } from '@ddr/settings';
import { AppModule } from './app.module';
import { loadFirstStartScenario } from './first-start/first-start';
import { TOKEN_COMMAND } from './graphiql/graphiql.controller';
import { JsonLogger } from './operations/json-logger';
import { Operations } from './operations/operations.module';
import { enterRequestScope, requestIdOf } from './operations/request-scope';
import { refuseReadsWhileCatchingUp } from './read-side/catching-up';
import { ReadSide } from './read-side/read-side';

/** Requests larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Builds and starts the API on the given settings; tests call this with a port of 0. */
export async function startServer(settings: Settings): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings, await Operations.create(settings)),
    new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, genReqId: requestIdOf }),
    { logger: new JsonLogger(settings.logLevel) },
  );
  enterRequestScope(app.getHttpAdapter().getInstance(), { logRequests: settings.logLevel === 'debug' || settings.logLevel === 'trace' });
  // Before init, so that its hook is on every route Nest and Mercurius add: answers to clients that accept br or
  // gzip are compressed (the GraphiQL assets are 9 MB). Request bodies are not inflated, so the body limit
  // still bounds what a client can make the server hold.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], globalDecompression: false });
  refuseReadsWhileCatchingUp(app.getHttpAdapter().getInstance(), app.get(ReadSide));
  await app.init();
  await loadFirstStartScenario(app, settings.firstStartScenario);
  await app.listen(settings.port, settings.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://${settings.host}:${port}`;
  Logger.log(`GraphQL at ${url}/graphql, data in ${settings.dataDir}`, 'Server');
  Logger.log(`GraphiQL at ${url}/graphiql, health at ${url}/health (/health/live, /health/ready)`, 'Server');
  Logger.log(`a token for GraphiQL's Headers tab: ${TOKEN_COMMAND}`, 'Server');
  return { app, url };
}
