import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CAUGHT_UP_LINE } from '../../api/src/read-side/read-side';

/** The compiled API in a child process on a port it picks, on the given data directory. */
export class SoakServer {
  private child?: ChildProcess;
  url = '';

  constructor(private readonly dataDir: string) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'api', 'src', 'main.js')], {
      env: {
        ...process.env,
        DATA_DIR: this.dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        FIRST_START_SCENARIO: 'none',
        RATE_LIMIT_PER_MINUTE: '10000000',
        NODE_ENV: 'development',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Drain stderr: a full pipe would block the server.
    child.stderr.resume();
    // Started once it listens and its read model holds what the store held at start (reads are refused before).
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
      let url: string | undefined;
      let level = false;
      createInterface({ input: child.stdout }).on('line', (line) => {
        url ??= /GraphQL at (http:\/\/[\d.]+:\d+)\/graphql/.exec(line)?.[1];
        level ||= line.includes(CAUGHT_UP_LINE);
        if (url && level) {
          clearTimeout(timer);
          resolve(url);
        }
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} while starting`)));
    });
    child.removeAllListeners('exit');
  }

  stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
