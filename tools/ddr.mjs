/**
 * `npm run ddr`: runs the built command line, building it first only when it
 * is missing or older than a source. A full build takes ten seconds; a look
 * at the sources' times takes milliseconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

/** What the build leaves out (tsconfig.build.json): specs and test helpers change nothing the CLI runs. */
const notBuilt = (name) => name.endsWith('.spec.ts') || name === 'testing';

/** The newest modification time under `path` (a file or a folder), in milliseconds. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => !notBuilt(name))
    .reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

function stale() {
  if (!existsSync(main)) return 'not built yet';
  const sources = ['apps', 'libs', 'bench', 'package.json', ...readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name))];
  const built = statSync(main).mtimeMs;
  return sources.some((source) => existsSync(join(root, source)) && newest(join(root, source)) > built) ? 'sources changed' : undefined;
}

const reason = stale();
if (reason) {
  // stdout is the command's own: a token must stay its last line.
  process.stderr.write(`building the ddr command line (${reason})...\n`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (build.status !== 0) {
    process.stderr.write('the build failed: nothing was run\n');
    process.exit(build.status ?? 1);
  }
}
// The same process runs it: process.argv already reads [node, script, ...arguments] as main.js expects.
createRequire(import.meta.url)(main);
