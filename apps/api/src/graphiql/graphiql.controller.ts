import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { htmlSecurityHeaders } from '../html/security-headers';
import { graphiqlPage, type GraphiqlPage } from './graphiql-page';

/** What a newcomer runs for a first token: named by GraphiQL's first query and by the start banner. */
export const TOKEN_COMMAND = 'npm run ddr -- token --body SCDS --role LIAISON';

const FIRST_QUERY = `# Paste a token from \`${TOKEN_COMMAND}\`
# into the Headers tab as {"Authorization": "Bearer <token>"}, then run (the
# play button). Re-fetch the schema (Shift-Ctrl-R) for the docs and autocompletion.
{
  body(code: SCDS) {
    awaitingAction { id title awaiting { body action } }
  }
}
`;

/**
 * An in-browser IDE that works with no internet connection: its scripts, styles and editor workers ship with
 * the server (about 9 MB, loaded and rendered at the first visit: imported with the server, the module took
 * 0.4 s of every start), unlike the drivers' built-in IDEs that load them from a CDN. The
 * page's scripts and style are served as files of their own, so that its Content-Security-Policy can allow
 * scripts from this origin only.
 */
@Controller('graphiql')
export class GraphiqlController {
  private static rendered?: Promise<GraphiqlPage>;

  private static page(): Promise<GraphiqlPage> {
    GraphiqlController.rendered ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) =>
      graphiqlPage(
        renderGraphiQL({
          title: 'DDR coordination ledger',
          endpoint: '/graphql',
          subscriptionsProtocol: 'WS',
          defaultQuery: FIRST_QUERY,
        }),
        '/graphiql/assets/',
      ),
    );
    return GraphiqlController.rendered;
  }

  @Get()
  async page(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    // Monaco, GraphiQL's editor, starts its language workers from blob: URLs it makes itself and styles
    // itself with inline styles; no script runs but the files below, all from this origin.
    reply.headers({ ...htmlSecurityHeaders({ 'worker-src': "'self' blob:", 'style-src': "'self' 'unsafe-inline'" }), 'cache-control': 'no-cache' });
    reply.type('text/html; charset=utf-8');
    return (await GraphiqlController.page()).html;
  }

  @Get('assets/:file')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  @Header('x-content-type-options', 'nosniff')
  async asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const asset = (await GraphiqlController.page()).assets.get(file);
    if (!asset) throw new NotFoundException(`no GraphiQL asset ${file}`);
    reply.type(asset.type);
    return asset.body;
  }
}
