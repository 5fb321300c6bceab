import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The checkout: two levels up from test/support, three from dist/test/support (the benchmarks run compiled). */
const ROOT =
  [resolve(__dirname, '../..'), resolve(__dirname, '../../..')].find((dir) => existsSync(join(dir, 'node_modules/@sparticuz/chromium'))) ??
  resolve(__dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string }).version;
const CACHE = join(ROOT, 'node_modules/.cache', `sparticuz-chromium-${VERSION}`);

/**
 * Flags for a headless Chromium on a machine without internet: the background-networking ones stop it from
 * calling home at every start (refused here, many times over); no sandbox because tests may run as root.
 */
const ARGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Unpacks the Chromium that `@sparticuz/chromium` ships inside its npm package (so `npm ci` is all a machine
 * needs), once per version, into node_modules/.cache. The package unpacks into TMPDIR; a private TMPDIR renamed
 * into place makes concurrent test workers safe (the loser of the rename uses the winner's copy).
 */
function unpackedChromium(): { executable: string; env: Record<string, string> } {
  const executable = join(CACHE, 'chromium');
  const env = { FONTCONFIG_PATH: CACHE };
  if (existsSync(executable)) return { executable, env };
  mkdirSync(dirname(CACHE), { recursive: true });
  const scratch = mkdtempSync(`${CACHE}.partial-`);
  // The package is an ES module that reads import.meta: unpack it in a plain Node process.
  execFileSync(process.execPath, ['-e', "import('@sparticuz/chromium').then((m) => m.default.executablePath())"], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: scratch },
    stdio: 'ignore',
    timeout: 120_000,
  });
  // Its fonts.conf names /tmp/fonts; ours names the fonts it unpacked here.
  writeFileSync(
    join(scratch, 'fonts.conf'),
    `<?xml version="1.0"?>\n<fontconfig><dir>${join(CACHE, 'fonts')}</dir><cachedir>${join(CACHE, 'fonts-cache')}</cachedir></fontconfig>\n`,
  );
  try {
    renameSync(scratch, CACHE);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync(executable)) throw new Error(`could not unpack @sparticuz/chromium into ${CACHE}`);
  return { executable, env };
}

/** A headless Chromium for browser tests: the one at CHROMIUM_PATH when set, else the one from npm. */
export async function launchBrowser(): Promise<Browser> {
  const fromMachine = process.env.CHROMIUM_PATH;
  const { executable, env } = fromMachine ? { executable: fromMachine, env: {} } : unpackedChromium();
  return chromium.launch({ executablePath: executable, args: ARGS, headless: true, env: { ...process.env, ...env } });
}
