import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { now } from './harness';

/** The compiled tree: bench runs from dist/bench, beside dist/apps. */
export const DIST = join(__dirname, '..');
export const API_MAIN = join(DIST, 'apps', 'api', 'src', 'main.js');
export const CLI_MAIN = join(DIST, 'apps', 'cli', 'src', 'main.js');

const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** A signing secret for one run: servers and the bench's tokens agree on it. */
export const BENCH_JWT_SECRET = randomBytes(36).toString('base64url');

/** A port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident set size of a process, in MiB, from /proc. */
export function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** CPU seconds a process has used so far (user + system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until a process is idle (under 5 % of a core over half a second),
 * at most `timeoutMs`: a server still catching up in the background (the
 * ledger follows the log after the server listens) must not steal the CPU
 * from the measurement that follows.
 */
export async function settled(pid: number, timeoutMs = 60_000): Promise<number> {
  const started = now();
  for (;;) {
    const before = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (cpuSeconds(pid) - before < 0.025 || now() - started > timeoutMs) return now() - started;
  }
}

export interface RunningProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 of the readiness URL. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns a server on a loopback port and polls `readyPath` every 5 ms until
 * it answers 200, within `timeoutMs`.
 */
export async function startProcess(
  script: string,
  options: { env: NodeJS.ProcessEnv; readyPath: string; timeoutMs?: number; args?: string[] },
): Promise<RunningProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const started = now();
  // BENCH_PROFILE_DIR: each server writes a --cpu-prof profile there when it stops.
  const profiled = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, '--require', join(DIST, 'bench', 'exit-on-signal.js')]
    : [];
  const child = spawn(process.execPath, [...profiled, ...(options.args ?? []), script], {
    env: { PATH: process.env.PATH, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    // BENCH_CHILD_STDERR=inherit shows the servers' stderr (e.g. with NODE_OPTIONS='-r dist/bench/sql-timing.js').
    stdio: ['ignore', 'ignore', process.env.BENCH_CHILD_STDERR === 'inherit' ? 'inherit' : 'pipe'],
  });
  children.add(child);
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  const deadline = started + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before it was ready: ${stderr}`);
    try {
      const response = await fetch(`${url}${options.readyPath}`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { child, url, readyMs: now() - started, stop };
    } catch {
      // Not listening yet.
    }
    if (now() > deadline) {
      await stop();
      throw new Error(`${script} was not ready within ${options.timeoutMs ?? 60_000} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The API as `npm start` runs it (dist/apps/api/src/main.js) on a data directory, with limits lifted for load. */
export function startApi(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}, timeoutMs?: number): Promise<RunningProcess> {
  return startProcess(API_MAIN, {
    readyPath: '/health',
    // It projects the whole history before /health answers 200: on a shared, loaded machine that can exceed a minute.
    timeoutMs: timeoutMs ?? 180_000,
    env: {
      DATA_DIR: dataDir,
      JWT_SECRET: BENCH_JWT_SECRET,
      FIRST_START_SCENARIO: 'none',
      // The per-subject limit protects a shared server from one client; a load test is that one client.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      ...extraEnv,
    },
  });
}

/** Runs the `ddr` CLI on a data directory; resolves with its last stdout line. */
export function runCli(dataDir: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      process.stderr.write(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(stdout.trim().split('\n').at(-1) ?? '');
      else reject(new Error(`ddr ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}
