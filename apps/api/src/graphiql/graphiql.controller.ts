import { Controller, Get, Header } from '@nestjs/common';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const FIRST_QUERY = `# Paste a token from \`npm run ddr -- token --body SCDS --role LIAISON\`
# into the Headers tab as {"Authorization": "Bearer <token>"}, then run (the
# play button). Re-fetch the schema (Shift-Ctrl-R) for the docs and autocompletion.
{
  body(code: SCDS) {
    awaitingAction { id title awaiting { body action } }
  }
}
`;

/**
 * An in-browser IDE that works with no internet connection: the page carries
 * its scripts, styles and editor workers inline (rendered once, about 9 MB),
 * unlike the drivers' built-in IDEs that load them from a CDN.
 */
@Controller('graphiql')
export class GraphiqlController {
  private static page?: string;

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  page(): string {
    GraphiqlController.page ??= renderGraphiQL({
      title: 'DDR coordination ledger',
      endpoint: '/graphql',
      subscriptionsProtocol: 'WS',
      defaultQuery: FIRST_QUERY,
    });
    return GraphiqlController.page;
  }
}
