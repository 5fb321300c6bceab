import { CAUGHT_UP_LINE } from '../../apps/api/src/read-side/read-side';
import { built } from './built';
import { Child } from './child-process';

/** The compiled server (what `npm start` runs) in a child process of its own, on a port it picks. */
export class ServerProcess {
  private child?: Child;
  url = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    this.child = new Child(process.execPath, [built('apps/api/src/main.js')], {
      PORT: '0',
      FIRST_START_SCENARIO: 'none',
      NO_COLOR: '1',
      NODE_ENV: 'development',
      ...this.env,
    });
    const line = await this.child.waitFor(/GraphQL at http:\/\/[\d.]+:\d+\/graphql/, 30_000);
    this.url = /(http:\/\/[\d.]+:\d+)\/graphql/.exec(line)![1];
    // Reads are refused until the read model holds what the store held at start (a few milliseconds when it was level).
    await this.child.waitFor(new RegExp(CAUGHT_UP_LINE), 60_000);
  }

  /** Sends the signal and resolves with the exit code once the process is gone. */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child!;
    this.child = undefined;
    child.kill(signal);
    return child.exited;
  }

  /** Kills the process if it still runs: a failed test must not leave a server behind. */
  async dispose(): Promise<void> {
    if (this.child) await this.stop('SIGKILL');
  }

  /** Resolves with the first line of its output, already seen or still to come, that matches. */
  waitFor(pattern: RegExp): Promise<string> {
    return this.child!.waitFor(pattern);
  }

  get output(): string[] {
    return this.child?.lines ?? [];
  }
}
