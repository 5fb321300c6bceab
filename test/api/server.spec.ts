import { Logger } from '@nestjs/common';
import { startTestServer, type RunningServer } from '../support/server';

describe('the API server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers GET /health with 200 once the store and projections are up', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const level = { events: 0, seconds: 0 };
    expect(await response.json()).toEqual({
      status: 'ok',
      headPosition: null,
      readModelPosition: null,
      followers: { projections: level, 'ledger-tree': level, notifications: level },
    });
  });

  it('serves GraphQL at POST /graphql, with the read model position in extensions', async () => {
    const answer = await server.graphql('{ logHead { position } }', undefined, server.token('CTS', 'LIAISON'));
    expect(answer).toMatchObject({ status: 200, data: { logHead: { position: null } }, extensions: { readModel: { position: null } } });
  });

  it('answers an unknown path with a quiet 404: a client mistake is not a server error', async () => {
    const logged = jest.spyOn(Logger, 'error');
    try {
      for (const path of ['/nowhere', '/desk/nothing.js', '/graphiql/assets/nothing.js']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ statusCode: 404 });
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('listens on loopback only by default', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });
});
