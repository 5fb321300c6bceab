import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { built } from '../support/built';
import { Child } from '../support/child-process';
import { ServerProcess } from '../support/server-process';

/** `npm start` as an operator sees it: what the built server prints when it starts, and when it cannot. */
describe('starting the built server', () => {
  it.each([
    ['PORT', 'abc', 'could not start: PORT must be a port number, got abc'],
    ['EVENT_STORE', 'postgres', 'could not start: EVENT_STORE must be sqlite or esdb, got postgres'],
    ['RATE_LIMIT_PER_MINUTE', '-5', 'could not start: RATE_LIMIT_PER_MINUTE must be a positive whole number, got -5'],
  ])('refuses a bad %s with one line naming it, no stack, and exit code 1', async (name, value, line) => {
    const child = new Child(process.execPath, [built('apps/api/src/main.js')], { [name]: value, FIRST_START_SCENARIO: 'none', NO_COLOR: '1' });
    await child.waitFor(/could not start/);
    expect(await child.exited).toBe(1);
    expect(child.lines).toEqual([line]);
  });

  describe('with good settings', () => {
    const server = new ServerProcess({ DATA_DIR: mkdtempSync(join(tmpdir(), 'ddr-start-')) });
    beforeAll(() => server.start());
    afterAll(() => server.dispose());

    it('names GraphQL, GraphiQL, the health check and the command that makes a token', async () => {
      const banner = [await server.waitFor(/GraphQL at /), await server.waitFor(/GraphiQL at /), await server.waitFor(/npm run ddr/)].join('\n');
      for (const path of ['/graphql', '/graphiql', '/health']) expect(banner).toContain(`${server.url}${path}`);
      expect(banner).toContain('npm run ddr -- token --body SCDS --role LIAISON');
    });

    it('registers each command once: a command two bodies issue has one handler, no warning of an override', async () => {
      await server.waitFor(/GraphQL at /);
      expect(server.output.filter((line) => /already registered/.test(line))).toEqual([]);
    });
  });
});
