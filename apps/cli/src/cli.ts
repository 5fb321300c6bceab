import { readSettings } from '@ddr/settings';
import { UsageError, type CliCommand, type CliIo } from './cli-command';
import { BACKUP_COMMANDS } from './commands/backup';
import { eventsHead, eventsTail } from './commands/events';
import { generate } from './commands/generate';
import { LEDGER_COMMANDS } from './commands/ledger';
import { PROJECTION_COMMANDS } from './commands/projections';
import { scenarioLoad } from './commands/scenario';
import { token } from './commands/token';

export const COMMANDS: CliCommand[] = [token, scenarioLoad, ...PROJECTION_COMMANDS, eventsHead, eventsTail, generate, ...LEDGER_COMMANDS, ...BACKUP_COMMANDS];

function help(): string {
  return ['usage: npm run ddr -- <command>', '', ...COMMANDS.map((command) => `  ${command.usage}`)].join('\n');
}

/** Finds the command whose words start the argument list and runs it; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, env = process.env): Promise<number> {
  const command = COMMANDS.find((candidate) => candidate.words.every((word, i) => argv[i] === word));
  if (!command) {
    (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? io.out : io.err)(help());
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  try {
    return await command.run(argv.slice(command.words.length), readSettings(env), io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`${usage ? 'usage' : 'error'}: ${(error as Error).message}`);
    if (usage) io.err(`  ${command.usage}`);
    return usage ? 2 : 1;
  }
}
