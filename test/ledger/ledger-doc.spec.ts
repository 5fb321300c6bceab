import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../apps/cli/src/cli';
import { ROOT } from '../support/built';
import { tempDir } from './ledger-fixture';

/**
 * Keeps docs/ledger.md honest: every command of its console blocks runs, in
 * order, on one working directory, and prints what the page shows ("…"
 * stands for what differs from run to run: keys, signatures, times).
 * `npm run ddr --` runs in this process (the same code as the compiled
 * command line, without two seconds of start-up per command).
 */
const DOC = readFileSync(join(ROOT, 'docs', 'ledger.md'), 'utf8');

interface Step {
  env: Record<string, string>;
  program: 'ddr' | 'verifier';
  args: string[];
  redirect?: string;
  expected: string[];
}

function steps(markdown: string): Step[] {
  const blocks = [...markdown.matchAll(/```console\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.flatMap((block) =>
    block
      .split(/^\$ /m)
      .filter((chunk) => chunk.trim() !== '')
      .map((chunk) => {
        const [command, ...expected] = chunk.trimEnd().split('\n');
        // Words, a double-quoted one as one argument without its quotes.
        const words = command.match(/"[^"]*"|\S+/g)!.map((word) => word.replace(/^"(.*)"$/, '$1'));
        const env: Record<string, string> = {};
        while (/^[A-Z_]+=/.test(words[0])) {
          const [name, value] = words.shift()!.split('=');
          env[name] = value;
        }
        const redirect = words.at(-2) === '>' ? words.splice(-2)[1] : undefined;
        const program = words[0] === 'npm' ? 'ddr' : 'verifier';
        if (program === 'ddr' && words.slice(0, 4).join(' ') !== 'npm run ddr --') throw new Error(`not a ddr command: ${command}`);
        if (program === 'verifier' && words.slice(0, 2).join(' ') !== 'node tools/verify-ledger.mjs') throw new Error(`unknown command: ${command}`);
        return { env, program, args: words.slice(program === 'ddr' ? 4 : 2), redirect, expected };
      }),
  );
}

const pattern = (line: string) =>
  new RegExp(
    `^${line
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

describe('docs/ledger.md', () => {
  const work = tempDir('ledger-doc');
  const local = (word: string) => (/\.(json|jsonl|pem|sqlite)$/.test(word) ? join(work, word) : word);
  const all = steps(DOC);

  beforeAll(() => {
    // Progress lines go straight to stderr; they are not part of what the page shows.
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => jest.restoreAllMocks());

  it('shows the auditor’s whole round: checkpoint, proofs, witness, verify, export, import, replay, key rotation', () => {
    const shown = new Set(
      all.map((step) =>
        step.program === 'ddr' ? step.args.slice(0, step.args[0] === 'ledger' || step.args[0] === 'projections' ? 2 : 1).join(' ') : `verifier ${step.args[0]}`,
      ),
    );
    for (const command of [
      'ledger checkpoint',
      'ledger prove',
      'ledger consistency',
      'ledger witness',
      'ledger verify',
      'ledger key',
      'export',
      'import',
      'projections replay',
      'verifier log',
    ]) {
      expect(shown).toContain(command);
    }
  });

  it.each(all.map((step, i) => [`${i + 1}: ${step.program} ${step.args.join(' ')}`, step] as const))('%s', async (_, step) => {
    const args = step.args.map(local);
    let stdout: string;
    let code: number | null;
    if (step.program === 'ddr') {
      const out: string[] = [];
      const err: string[] = [];
      const env = { ...process.env, DATA_DIR: join(work, step.env.DATA_DIR ?? 'data'), SQLITE_SYNCHRONOUS: 'NORMAL' };
      code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, env);
      stdout = out.join('\n');
      if (code !== 0) throw new Error(`exit ${code}: ${err.join('\n')}`);
    } else {
      const result = spawnSync(process.execPath, [join(ROOT, 'tools', 'verify-ledger.mjs'), ...args], { encoding: 'utf8' });
      [stdout, code] = [result.stdout.trimEnd(), result.status];
      expect(code).toBe(0);
    }
    if (step.redirect) writeFileSync(local(step.redirect), `${stdout}\n`);
    else if (step.expected.length > 0) {
      const lines = stdout.split('\n');
      expect(lines).toHaveLength(step.expected.length);
      lines.forEach((line, i) => expect(line).toMatch(pattern(step.expected[i])));
    }
  });
});
