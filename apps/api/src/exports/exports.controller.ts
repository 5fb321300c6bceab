import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_LISTS } from './export-lists';
import { exportCsv, ExportRefused, languageOf, variablesOf, type GraphqlAnswer } from './export-run';

/** What the export passes on to GraphQL: the caller's token, and the ids that tie its log lines together. */
const FORWARDED = ['authorization', 'x-correlation-id', 'x-request-id'] as const;

/**
 * `GET /exports/<list>.csv?<parameters>&lang=fr|en`: a list as a spreadsheet (export-lists.ts). Each page
 * is a GraphQL request made inside the server with the caller's headers, so the token, the roles, the rate
 * limit and every refusal are GraphQL's own; a refusal is answered with its HTTP status and a JSON body.
 */
@Controller('exports')
export class ExportsController {
  constructor(@Inject(HttpAdapterHost) private readonly http: HttpAdapterHost) {}

  @Get(':file')
  async download(
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      const list = EXPORT_LISTS.find((candidate) => `${candidate.name}.csv` === file);
      if (!list) throw new ExportRefused(404, 'NOT_FOUND', `there is no list ${file}; there are ${EXPORT_LISTS.map((l) => `${l.name}.csv`).join(', ')}`);
      const language = languageOf(typeof query.lang === 'string' ? query.lang : undefined, request.headers['accept-language']);
      const csv = await exportCsv(list, variablesOf(list, query), language, (q, variables) => this.graphql(request, q, variables));
      await reply
        .status(200)
        .header('content-type', 'text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="${list.name}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    } catch (error) {
      if (!(error instanceof ExportRefused)) throw error;
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      await reply
        .status(error.status)
        .header('cache-control', 'no-store')
        .send({ error: { code: error.code, message: error.message } });
    }
  }

  private async graphql(request: FastifyRequest, query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    const response = await fastify.inject({ method: 'POST', url: '/graphql', headers, payload: JSON.stringify({ query, variables }) });
    return response.json<GraphqlAnswer>();
  }
}
