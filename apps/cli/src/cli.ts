import { readSettings } from '@ddr/settings';
import { UsageError, type CliCommand, type CliIo } from './cli-command';
import { BACKUP_COMMANDS } from './commands/backup';
import { eventsHead, eventsTail } from './commands/events';
import { generate } from './commands/generate';
import { LEDGER_COMMANDS } from './commands/ledger';
import { PROJECTION_COMMANDS } from './commands/projections';
import { scenarioLoad } from './commands/scenario';
import { revoke, token, tokenKeys, tokenRevoke } from './commands/token';
import { nearest } from './nearest';

// `token revoke` and `token key` before `token`: the first command whose words start the arguments runs.
export const COMMANDS: CliCommand[] = [
  tokenRevoke,
  tokenKeys,
  token,
  revoke,
  scenarioLoad,
  ...PROJECTION_COMMANDS,
  eventsHead,
  eventsTail,
  generate,
  ...LEDGER_COMMANDS,
  ...BACKUP_COMMANDS,
];

const HELP_WORDS = ['help', '--help', '-h'];

function help(): string {
  return ['usage: npm run ddr -- <command> (each command also answers --help)', '', ...COMMANDS.map((command) => `  ${command.usage}`)].join('\n');
}

/** One line naming what was typed and, when one is close, the command meant. */
function unknownCommand(argv: string[]): string {
  const names = COMMANDS.map((command) => command.words.join(' '));
  const group = COMMANDS.filter((command) => command.words.length > 1 && command.words[0] === argv[0]);
  // `ledger` alone, or `ledger verfy`: the mistake is the second word.
  const typed = argv.slice(0, group.length > 0 ? 2 : 1).join(' ');
  const meant = nearest(typed, names);
  if (meant) return `unknown command "${typed}"; did you mean "${meant}"?`;
  if (group.length > 0) return `unknown command "${typed}"; ${argv[0]} takes one of: ${group.map((command) => command.words[1]).join(', ')}`;
  return `unknown command "${typed}"; \`npm run ddr -- help\` lists them all`;
}

/** Finds the command whose words start the argument list and runs it; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, env = process.env): Promise<number> {
  if (argv.length === 0 || HELP_WORDS.includes(argv[0])) {
    io.out(help());
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.words.every((word, i) => argv[i] === word));
  if (!command) {
    io.err(unknownCommand(argv));
    return 2;
  }
  const args = argv.slice(command.words.length);
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: npm run ddr -- ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, readSettings(env), io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`${usage ? 'usage' : 'error'}: ${(error as Error).message}`);
    if (usage) io.err(`  ${command.usage}`);
    return usage ? 2 : 1;
  }
}
