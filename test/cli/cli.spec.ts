import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService, signingSecret } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { parseScenario } from '@ddr/scenario';
import { ROOT, built } from '../support/built';

/** The `ddr` command line as a user runs it: the compiled entry point in a child process. */
function ddr(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [built('apps/cli/src/main.js'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout.trim().split('\n'), stderr: result.stderr };
}

describe('ddr', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-cli-'));

  it('token prints, as its last line, a token the server on this DATA_DIR accepts', () => {
    const { code, stdout, stderr } = ddr(dataDir, 'token', '--body', 'CTS', '--role', 'SECRETARIAT', '--subject', 'amadou', '--ttl', '2h');
    expect(code).toBe(0);
    const actor = new TokenService(signingSecret(dataDir)).verify(stdout.at(-1)!);
    expect(actor).toEqual({ subject: 'amadou', body: 'CTS', role: 'SECRETARIAT' });
    // On stderr, a link that opens the desk signed in (the token in the fragment, never sent to a server).
    expect(stderr).toContain(`the desk, signed in with it: http://127.0.0.1:3000/#token=${stdout.at(-1)}\n`);
    // The generated signing secret is readable by its owner only.
    expect(statSync(join(dataDir, 'keys', 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
  });

  it('token issues an OPERATOR token, which keeps the tokens of people of every body over the API', () => {
    const { code, stdout } = ddr(dataDir, 'token', '--body', 'CNDDR', '--role', 'OPERATOR');
    expect(code).toBe(0);
    expect(new TokenService(signingSecret(dataDir)).verify(stdout.at(-1)!)).toEqual({ subject: 'cnddr-operator', body: 'CNDDR', role: 'OPERATOR' });
  });

  it.each([
    [['--body', 'ATLANTIS', '--role', 'LIAISON'], /unknown body ATLANTIS/],
    [['--body', 'FAMA', '--role', 'OPERATOR'], /no operator/],
    [['--body', 'CTS', '--role', 'GENERAL'], /unknown role GENERAL/],
    [['--body', 'PRESIDENCY', '--role', 'SECRETARIAT'], /no secretariat/],
    [['--body', 'CTS', '--role', 'LIAISON', '--ttl', 'forever'], /ttl/],
    [['--role', 'LIAISON'], /--body and --role are required/],
  ])('token %j is refused with a usage error', (args, message) => {
    const { code, stderr } = ddr(dataDir, 'token', ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('projections rebuild replays the log from position 0 with progress, then reports what it applied', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    for (const append of generateHistory({ seed: 41, commands: 400 })) await store.append(append.streamId, append.events);
    // The whole log: the history, and the issues of the tokens printed above.
    const events = (await store.readAll()).length;
    const head = await store.headPosition();
    await store.close();
    const { code, stdout, stderr } = ddr(dataDir, 'projections', 'rebuild');
    expect(code).toBe(0);
    expect(JSON.parse(stdout.at(-1)!)).toEqual({ applied: events, position: head });
    expect(stderr).toMatch(new RegExp(`rebuilding read model.*${events.toLocaleString('en')} events`));
  });

  it('scenario load records a file through the command path once, and a refused step stops it with its reason', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'ddr-cli-scenario-'));
    const file = join(ROOT, 'scenarios', 'mali-2015-2019.yaml');
    const steps = parseScenario(readFileSync(file, 'utf8')).steps.length;
    const first = ddr(fresh, 'scenario', 'load', file);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.at(-1)!)).toMatchObject({ recorded: steps, alreadyRecorded: 0 });
    expect(first.stderr).toMatch(new RegExp(`loading mali-2015-2019 .*${steps}/${steps} steps`));
    const again = ddr(fresh, 'scenario', 'load', file);
    expect(JSON.parse(again.stdout.at(-1)!)).toMatchObject({ recorded: 0, alreadyRecorded: steps });

    const bad = join(fresh, 'bad.yaml');
    writeFileSync(
      bad,
      'name: bad\ntitle: t\nsource: s\nsteps:\n  - { id: one, as: SCDS, command: launchProgramme, input: { programme: X, title: t, target: 1, targetDeserters: 0, effectiveDate: 2019-01-01 } }\n',
    );
    const refused = ddr(fresh, 'scenario', 'load', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/step one \(launchProgramme as SCDS\) was refused: FORBIDDEN/);
  });
});
