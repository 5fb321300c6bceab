import { UsageError, type CliCommand } from '../cli-command';

export const scenarioLoad: CliCommand = {
  words: ['scenario', 'load'],
  usage:
    'scenario load FILE                  record a scenario file (YAML or JSON) through the command path;\n' +
    '                                   loading the same file again records nothing new',
  async run(args, settings, io) {
    const [file] = args;
    if (!file) throw new UsageError('name the scenario file to load');
    // The desks and NestJS take seconds to load: only this command pays for them.
    const { recordScenario } = await import('./scenario-record.js');
    return recordScenario(file, settings, io);
  },
};
