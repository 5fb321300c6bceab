import { parseArgs } from 'node:util';
import { checkpointFile, encodeBase64 } from '@ddr/ledger';
import { LedgerInconsistentError, SignerMismatchError } from '@ddr/ledger/live';
import type { CliCommand } from '../../cli-command';
import { json, withLedger } from './open-ledger';

export const ledgerCheckpoint: CliCommand = {
  words: ['ledger', 'checkpoint'],
  usage:
    'ledger checkpoint [--no-sign]       sign a checkpoint if the log grew (after proving it extends the last one);\n' +
    '                                   print the latest checkpoint file (save it: `ledger verify --checkpoint` takes it)',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { 'no-sign': { type: 'boolean', default: false } } });
    return withLedger(settings, async (ledger) => {
      let outcome;
      try {
        outcome = values['no-sign'] ? await ledger.latestCheckpoint().then((c) => c && { checkpoint: c, signed: false }) : await ledger.checkpoint();
      } catch (error) {
        if (!(error instanceof LedgerInconsistentError || error instanceof SignerMismatchError)) throw error;
        io.err(`REFUSED: ${error.message}`);
        io.err('No checkpoint was signed. Find the break with `ddr ledger verify`.');
        return 1;
      }
      if (!outcome) {
        io.err(values['no-sign'] ? 'no checkpoint has been signed yet' : 'the log is empty: nothing to checkpoint');
        return 1;
      }
      const { checkpoint, position } = outcome.checkpoint;
      io.err(
        outcome.signed
          ? `signed checkpoint of size ${checkpoint.size}, recorded at position ${position}`
          : `latest checkpoint: size ${checkpoint.size}, recorded at position ${position} (the log has not grown since, or --no-sign)`,
      );
      io.out(json(checkpointFile(checkpoint)));
      return 0;
    });
  },
};

export const ledgerPublicKey: CliCommand = {
  words: ['ledger', 'public-key'],
  usage: 'ledger public-key                  print the operator’s checkpoint key (SPKI PEM) for auditors',
  async run(_args, settings, io) {
    return withLedger(settings, async (ledger) => {
      io.err(`origin: ${await ledger.origin()}`);
      io.out((await ledger.signingKey()).publicKeyPem.trimEnd());
      return 0;
    });
  },
};

export const ledgerStatus: CliCommand = {
  words: ['ledger', 'status'],
  usage: 'ledger status                      bring the tree up to the log and print where the ledger stands (JSON)',
  async run(_args, settings, io) {
    return withLedger(settings, async (ledger) => {
      const report = await ledger.integrity();
      const latest = report.latestCheckpoint;
      io.out(
        json({
          origin: report.origin,
          treeSize: report.treeSize,
          root: encodeBase64(ledger.follower.tree.root()),
          latestCheckpoint: latest && { ...checkpointFile(latest.checkpoint), position: latest.position, recordedAt: latest.recordedAt },
          eventsSinceCheckpoint: report.eventsSinceCheckpoint,
          lastVerification: report.lastVerification,
          witnesses: report.witnesses.map((w) => ({ body: w.body, size: w.checkpoint.size, root: encodeBase64(w.checkpoint.root), recordedAt: w.recordedAt })),
        }),
      );
      return 0;
    });
  },
};
