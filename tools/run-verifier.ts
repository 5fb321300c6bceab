import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** Test support: runs tools/verify-ledger.mjs with the current node binary, as an auditor would. */
export const VERIFIER = join(__dirname, 'verify-ledger.mjs');
export const REPOSITORY = join(__dirname, '..');

export interface Verdict {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runVerifier(args: readonly string[], cwd: string = REPOSITORY): Promise<Verdict> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], { cwd, env: {} }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs many verifications a few at a time: one process each, as the script is meant to be used. */
export async function runAll<T>(items: readonly T[], args: (item: T) => string[], concurrency = 8): Promise<Verdict[]> {
  const verdicts = new Array<Verdict>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      verdicts[i] = await runVerifier(args(items[i]));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return verdicts;
}
