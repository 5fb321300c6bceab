import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../../cli-command';
import { json, withLedger } from './open-ledger';

export const ledgerProve: CliCommand = {
  words: ['ledger', 'prove'],
  usage:
    'ledger prove <event id> [--stream S]\n' +
    '                                   print the inclusion proof of an event against the latest checkpoint\n' +
    '                                   (check it with `node tools/verify-ledger.mjs inclusion FILE`)',
  async run(args, settings, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { stream: { type: 'string' } } });
    if (positionals.length !== 1) throw new UsageError('give exactly one event id');
    return withLedger(settings, async (ledger) => {
      const { file, leaf } = await ledger.inclusionProof(positionals[0], values.stream);
      io.err(`event ${leaf.eventId}: ${leaf.streamId} revision ${leaf.revision}, position ${leaf.position}, leaf ${leaf.index} of ${file.treeSize}`);
      io.out(json(file));
      return 0;
    });
  },
};

export const ledgerConsistency: CliCommand = {
  words: ['ledger', 'consistency'],
  usage:
    'ledger consistency <size1> <size2>  print the proof that the log of size1 events is a prefix of the log of size2\n' +
    '                                   (check it with `node tools/verify-ledger.mjs consistency FILE`)',
  async run(args, settings, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const sizes = positionals.map(Number);
    if (sizes.length !== 2 || !sizes.every(Number.isSafeInteger)) throw new UsageError('give two sizes, whole numbers');
    return withLedger(settings, async (ledger) => {
      io.out(json(await ledger.consistencyProof(sizes[0], sizes[1])));
      return 0;
    });
  },
};
