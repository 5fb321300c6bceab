// Builds the desk (apps/desk) into dist/desk: one minified script, its style, its page and its service worker.
// `npm run build` runs it after tsc; it refuses a script over the budget, so a heavy dependency fails the build.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'apps/desk/src');
const OUT = join(ROOT, 'dist/desk');
/** The desk's scripts, gzipped, must stay under this (issue 17: 300 KB). */
export const BUDGET_BYTES = 300 * 1024;

mkdirSync(OUT, { recursive: true });
const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning', outdir: OUT };
await build({ ...common, entryPoints: { desk: join(SOURCE, 'main.tsx') }, format: 'esm', jsx: 'automatic', jsxImportSource: 'preact' });
// A service worker is a classic script: an ES module's `export` would stop it from starting.
await build({ ...common, entryPoints: { sw: join(SOURCE, 'sw.ts') }, format: 'iife' });
for (const file of ['index.html', 'desk.css']) copyFileSync(join(SOURCE, file), join(OUT, file));

const sizes = Object.fromEntries(['desk.js', 'sw.js'].map((file) => [file, gzipSync(readFileSync(join(OUT, file))).length]));
const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
writeFileSync(join(OUT, 'size.json'), `${JSON.stringify({ gzipBytes: total, files: sizes }, null, 2)}\n`);
if (total > BUDGET_BYTES) {
  console.error(`the desk's JavaScript is ${total} bytes gzipped, over the budget of ${BUDGET_BYTES}`);
  process.exit(1);
}
