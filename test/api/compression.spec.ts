import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type RunningServer } from '../support/server';

interface RawAnswer {
  encoding: string | undefined;
  body: string;
}

/** One request as sent, the answer as received: fetch would ask for compression and undo it itself. */
function raw(url: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body ? 'POST' : 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('error', reject);
      response.on('end', () => {
        const encoding = response.headers['content-encoding'];
        const bytes = Buffer.concat(chunks);
        const plain = encoding === 'gzip' ? gunzipSync(bytes) : encoding === 'br' ? brotliDecompressSync(bytes) : bytes;
        resolve({ encoding, body: plain.toString('utf8') });
      });
    });
    req.on('error', reject).end(body);
  });
}

describe('compressed answers', () => {
  let server: RunningServer;
  let graphql: (acceptEncoding?: string) => Promise<RawAnswer>;
  beforeAll(async () => {
    server = await startTestServer();
    const token = server.token('SCDS', 'LIAISON');
    // Large enough (the schema's type names) to be worth compressing.
    const query = JSON.stringify({ query: '{ __schema { types { name description } } }' });
    graphql = (acceptEncoding) =>
      raw(
        `${server.url}/graphql`,
        { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
        query,
      );
  });
  afterAll(() => server.close());

  it.each(['gzip', 'br'])('answers GraphQL in %s to a client that accepts it, with the same JSON', async (encoding) => {
    const [compressed, plain] = [await graphql(encoding), await graphql()];
    expect(compressed.encoding).toBe(encoding);
    expect(plain.encoding).toBeUndefined();
    expect(JSON.parse(compressed.body)).toEqual(JSON.parse(plain.body));
    expect(JSON.parse(plain.body)).toMatchObject({ data: { __schema: { types: expect.any(Array) } } });
  });

  it("compresses GraphiQL's scripts and styles the same way", async () => {
    const page = await (await fetch(`${server.url}/graphiql`)).text();
    const assets = [...page.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map(([, path]) => path);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
    for (const path of assets) {
      const [compressed, plain] = [await raw(`${server.url}${path}`, { 'accept-encoding': 'gzip' }), await raw(`${server.url}${path}`, {})];
      expect(compressed.encoding).toBe('gzip');
      expect(plain.encoding).toBeUndefined();
      expect(compressed.body).toBe(plain.body);
    }
  });
});
