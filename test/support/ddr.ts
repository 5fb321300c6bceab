import { spawn } from 'node:child_process';
import { built } from './built';

/** The compiled `ddr`, in a child process that does not block this one (the API under test may run here). */
export function ddr(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string[]; stderr: string[] }> {
  const child = spawn(process.execPath, [built('apps/cli/src/main.js'), ...args], { env: { ...process.env, DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = (text: string) => text.trimEnd().split('\n');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: lines(stdout), stderr: lines(stderr) })));
}
