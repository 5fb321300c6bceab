import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/built';

/**
 * `npm run ddr` runs tools/ddr.mjs. Here it runs in a project of its own
 * whose "build" writes a stand-in main.js: rebuilding the real dist in the
 * middle of a test run would pull it from under the other suites.
 */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddr-launcher-'));
  mkdirSync(join(dir, 'tools'));
  cpSync(join(ROOT, 'tools', 'ddr.mjs'), join(dir, 'tools', 'ddr.mjs'));
  mkdirSync(join(dir, 'apps', 'cli', 'src'), { recursive: true });
  mkdirSync(join(dir, 'libs'));
  writeFileSync(join(dir, 'apps', 'cli', 'src', 'main.ts'), '');
  writeFileSync(join(dir, 'tsconfig.json'), '{}');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, scripts: { build: 'node build.js' } }));
  writeFileSync(
    join(dir, 'build.js'),
    [
      "const { mkdirSync, writeFileSync } = require('node:fs');",
      "console.log('compiling');",
      "mkdirSync('dist/apps/cli/src', { recursive: true });",
      'writeFileSync(\'dist/apps/cli/src/main.js\', \'process.stdout.write(process.argv.slice(2).join(" ") + "\\\\n");\');',
    ].join('\n'),
  );
  return dir;
}

function launch(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(dir, 'tools', 'ddr.mjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run ddr (tools/ddr.mjs)', () => {
  it('builds when dist is missing, not again while nothing changed, and again once a source did', () => {
    const dir = project();
    const main = join(dir, 'dist', 'apps', 'cli', 'src', 'main.js');

    const first = launch(dir, 'token', '--body', 'CTS');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/building the ddr command line \(not built yet\)/);
    // The build's own output goes to stderr: the command's last line of stdout is still its own.
    expect(first.stderr).toMatch(/compiling/);
    expect(first.stdout).toBe('token --body CTS\n');
    const builtAt = statSync(main).mtimeMs;

    const second = launch(dir, 'token', '--body', 'CTS');
    expect(second).toEqual({ code: 0, stdout: 'token --body CTS\n', stderr: '' });
    expect(statSync(main).mtimeMs).toBe(builtAt);

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'apps', 'cli', 'src', 'main.ts'), later, later);
    const third = launch(dir, 'help');
    expect(third.stderr).toMatch(/building the ddr command line \(sources changed\)/);
    expect(third.stdout).toBe('help\n');
  });

  it('runs nothing when the build fails, and says so', () => {
    const dir = project();
    writeFileSync(join(dir, 'build.js'), 'process.exit(3);');
    const { code, stdout, stderr } = launch(dir, 'token');
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/the build failed: nothing was run/);
  });
});
