import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService, signingSecret } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { COMMANDS, runCli } from '../../apps/cli/src/cli';
import { ddr } from '../support/ddr';
import { startTestServer, type RunningServer } from '../support/server';

/** A port nothing listens on: one the system just gave and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function storeWithHistory(dataDir: string): Promise<void> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const append of generateHistory({ seed: 5, commands: 60 })) await store.append(append.streamId, append.events);
  await store.close();
}

jest.setTimeout(120_000);

describe('ddr explains itself', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-cli-explains-'));

  it.each([['--help'], ['-h'], ['help'], []])('ddr %s prints every command and exits 0', async (...args) => {
    const { code, stdout } = await ddr(dataDir, ...args);
    expect(code).toBe(0);
    expect(stdout[0]).toMatch(/^usage: npm run ddr -- <command>/);
    for (const command of COMMANDS) expect(stdout.join('\n')).toContain(`  ${command.words.join(' ')} `);
  });

  it.each([
    ['token', '--help'],
    ['ledger', 'witness', '-h'],
  ])('ddr %s %s prints its own usage and exits 0', async (...args) => {
    const { code, stdout, stderr } = await ddr(dataDir, ...args);
    expect(code).toBe(0);
    expect(stdout[0]).toMatch(new RegExp(`^usage: npm run ddr -- ${args.slice(0, -1).join(' ')} --body BODY`));
    expect(stderr).toEqual(['']);
  });

  it('every command answers --help and -h with its own usage, doing nothing else', async () => {
    for (const command of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const out: string[] = [];
        expect(await runCli([...command.words, flag], { out: (line) => out.push(line), err: () => undefined }, { DATA_DIR: '/nonexistent' })).toBe(0);
        expect(out).toEqual([`usage: npm run ddr -- ${command.usage}`]);
      }
    }
  });

  it.each([
    [['tokn'], 'unknown command "tokn"; did you mean "token"?'],
    [['ledger', 'verfy', '--from', '3'], 'unknown command "ledger verfy"; did you mean "ledger verify"?'],
    [['ledger'], 'unknown command "ledger"; ledger takes one of: checkpoint, prove, consistency, verify, witness, status, public-key, key'],
    [['frobnicate'], 'unknown command "frobnicate"; `npm run ddr -- help` lists them all'],
  ])('a mistyped command %j is named in one line, with the command meant, exit 2', async (args, line) => {
    const { code, stdout, stderr } = await ddr(dataDir, ...args);
    expect(code).toBe(2);
    expect(stderr).toEqual([line]);
    expect(stdout).toEqual(['']);
  });

  it('body and role codes are read in any case', async () => {
    const { code, stdout } = await ddr(dataDir, 'token', '--body', 'scds', '--role', 'Liaison');
    expect(code).toBe(0);
    expect(new TokenService(signingSecret(dataDir)).verify(stdout.at(-1)!)).toEqual({ subject: 'scds-liaison', body: 'SCDS', role: 'LIAISON' });
  });

  it.each([
    [['token', '--body', 'XYZ', '--role', 'LIAISON'], 'usage: unknown body XYZ; one of CNDDR, INTEGRATION_COMMISSION, CSA, SCDS, CTS, MOC, '],
    [['token', '--body', 'CTS', '--role', 'boss'], 'usage: unknown role boss; one of SECRETARIAT, LIAISON, AUDITOR'],
    [['ledger', 'witness', '--body', 'XYZ', '--key', 'k.pem', '--state', 's.json'], 'usage: unknown body XYZ; one of CNDDR, INTEGRATION_COMMISSION, '],
  ])('%j lists what it takes', async (args, start) => {
    const { code, stderr } = await ddr(dataDir, ...args);
    expect(code).toBe(2);
    expect(stderr[0].startsWith(start)).toBe(true);
  });

  describe('over the API', () => {
    const keys = mkdtempSync(join(tmpdir(), 'ddr-cli-witness-'));
    let server: RunningServer;
    const witness = (body: string, url: string, token: string) =>
      ddr(
        server.settings.dataDir,
        'ledger',
        'witness',
        '--body',
        body,
        '--key',
        join(keys, `${body}.pem`),
        '--state',
        join(keys, `${body}.json`),
        '--url',
        url,
        '--token',
        token,
      );

    beforeAll(async () => {
      const apiData = mkdtempSync(join(tmpdir(), 'ddr-cli-api-'));
      await storeWithHistory(apiData);
      const signed = await ddr(apiData, 'ledger', 'checkpoint');
      if (signed.code !== 0) throw new Error(signed.stderr.join('\n'));
      server = await startTestServer({ DATA_DIR: apiData, LEDGER_CHECKPOINT_INTERVAL_MS: '0' });
    });
    afterAll(() => server.close());

    it('ledger witness --url takes the server’s address or its GraphQL endpoint, and the body in any case', async () => {
      const [bare, endpoint] = await Promise.all([
        witness('moc', server.url, server.token('MOC', 'AUDITOR')),
        witness('CTS', `${server.url}/graphql/`, server.token('CTS', 'AUDITOR')),
      ]);
      expect(bare.code).toBe(0);
      expect(JSON.parse(bare.stdout.at(-1)!)).toMatchObject({ body: 'MOC', status: 'cosigned' });
      expect(endpoint.code).toBe(0);
      expect(JSON.parse(endpoint.stdout.at(-1)!)).toMatchObject({ body: 'CTS', status: 'cosigned' });
    });

    it('a refused token is explained with the token to ask for', async () => {
      const { code, stderr } = await witness('CSA', server.url, 'not-a-token');
      expect(code).toBe(1);
      expect(stderr).toEqual([
        `error: ${server.url}/graphql refused the token (UNAUTHENTICATED: the token is not valid); pass an AUDITOR token of CSA: \`npm run ddr -- token --body CSA --role AUDITOR\` on the server's DATA_DIR`,
      ]);
    });

    it('a server it cannot reach is named, with the reason', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const { code, stderr } = await witness('CSA', url, 'any');
      expect(code).toBe(1);
      expect(stderr).toEqual([`error: cannot reach ${url}/graphql: ECONNREFUSED`]);
    });
  });

  describe('files the user names', () => {
    const work = mkdtempSync(join(tmpdir(), 'ddr-cli-out-'));
    beforeAll(() => storeWithHistory(work));

    it.each([
      ['export', ['export', '--format', 'jsonl', '--out']],
      ['projections replay', ['projections', 'replay', '--until', '40', '--out']],
    ])('%s refuses to write over an existing file, and does with --force', async (_, args) => {
      const file = join(work, `${args[0]}.out`);
      writeFileSync(file, 'keep me\n');
      const refused = await ddr(work, ...args, file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toEqual([`error: ${file} exists: pass --force to overwrite it`]);
      expect(readFileSync(file, 'utf8')).toBe('keep me\n');

      const forced = await ddr(work, ...args, file, '--force');
      expect(forced.code).toBe(0);
      expect(readFileSync(file).subarray(0, 8).toString()).not.toBe('keep me\n');
    });
  });
});
