import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * `npm run lint` fails the build on bad code. Each tool runs as a child process with the repository's own
 * configuration, over fixtures laid out like the repository: every file in libs/messy breaks one rule, and
 * libs/tidy keeps them all.
 */
const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(__dirname, 'fixtures');
const MESSY = 'libs/messy/src';

type Outcome = { code: number; stdout: string; stderr: string };

function run(cwd: string, script: string, args: string[]): Promise<Outcome> {
  // Jest's NODE_OPTIONS (--experimental-vm-modules) are not the tools' business.
  const env = { ...process.env, NODE_OPTIONS: '' };
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'node_modules', script), ...args], { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

type LintResult = { filePath: string; messages: { ruleId: string | null }[] };

let prettier: Outcome;
let eslint: Outcome;
let depcruise: Outcome;

beforeAll(async () => {
  [prettier, eslint, depcruise] = await Promise.all([
    // From the fixtures folder, the repository's .prettierignore (which leaves the fixtures out) does not apply.
    run(FIXTURES, 'prettier/bin/prettier.cjs', ['--list-different', 'libs']),
    run(ROOT, 'eslint/bin/eslint.js', ['--no-ignore', '--format', 'json', join(FIXTURES, 'libs')]),
    // The same reporter as npm run lint: its exit code is the number of errors.
    run(FIXTURES, 'dependency-cruiser/bin/dependency-cruise.mjs', ['--config', join(ROOT, '.dependency-cruiser.cjs'), 'libs']),
  ]);
}, 60_000);

describe('npm run lint refuses', () => {
  it('an unformatted file (prettier --check)', () => {
    expect(prettier.stderr).toBe('');
    expect(prettier.stdout.trim().split('\n')).toEqual([`${MESSY}/unformatted.ts`]);
    expect(prettier.code).toBe(1);
  });

  it('a floating promise (eslint, type-checked rules)', () => {
    const results = JSON.parse(eslint.stdout) as LintResult[];
    const problems = results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(FIXTURES.length + 1)}: ${message.ruleId}`));
    expect(problems).toEqual([`${MESSY}/floating.ts: @typescript-eslint/no-floating-promises`]);
    expect(eslint.code).toBe(1);
  });

  it('an import circle, and a decider that imports NestJS (dependency-cruiser)', () => {
    const errors = depcruise.stdout.split('\n').filter((line) => line.startsWith('  error '));
    expect(errors.map((line) => line.trim()).sort()).toEqual([
      `error deciders-are-pure: ${MESSY}/storage.decider.ts → ../../../node_modules/@nestjs/common/index.js`,
      `error no-circular: ${MESSY}/chicken.ts →`,
    ]);
    expect(depcruise.stdout).toContain(`${MESSY}/egg.ts →\n      ${MESSY}/chicken.ts`);
    expect(depcruise.code).toBe(2);
  });
});

describe('npm run lint accepts', () => {
  it('a tidy decider, its events and its state, which every tool passes', () => {
    expect(prettier.stdout).not.toContain('libs/tidy');
    expect(eslint.stdout).toContain('libs/tidy/src/tally.decider.ts');
    expect((JSON.parse(eslint.stdout) as LintResult[]).filter((result) => result.filePath.includes('libs/tidy')).flatMap((result) => result.messages)).toEqual(
      [],
    );
    expect(depcruise.stdout).not.toContain('libs/tidy');
    expect(depcruise.stdout).toMatch(/2 errors, 0 warnings\)\. 9 modules, 6 dependencies cruised/);
  });
});
