import type { Settings } from '@ddr/settings';

/** One `ddr` sub-command: its words (`events tail`), its help line, and what it does. */
export interface CliCommand {
  words: string[];
  usage: string;
  run(args: string[], settings: Settings, io: CliIo): Promise<number>;
}

/** Output goes through here so tests can capture it; stdout carries results, stderr progress. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export class UsageError extends Error {}
