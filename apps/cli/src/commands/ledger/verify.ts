import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openEventStore } from '@ddr/event-store';
import { parseCheckpointFile } from '@ddr/ledger';
import { defaultLedgerKeyFile, LedgerRecords, ledgerFile, openLedgerDb, readSigningKey, SqliteNodeStore, verifyLog, type VerifyReport } from '@ddr/ledger/live';
import type { Settings } from '@ddr/settings';
import { UsageError, type CliCommand, type CliIo } from '../../cli-command';
import { Progress } from '../../progress';

export const ledgerVerify: CliCommand = {
  words: ['ledger', 'verify'],
  usage:
    'ledger verify [--from P] [--to P] [--checkpoint FILE]\n' +
    '                                   recompute every stream chain and the Merkle tree from the events, check every\n' +
    '                                   recorded checkpoint and co-signature, prove the log extends a saved checkpoint;\n' +
    '                                   exit 1 at any break, naming stream, revision and position',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, checkpoint: { type: 'string' } } });
    const saved = values.checkpoint === undefined ? undefined : readSaved(values.checkpoint);
    const store = openEventStore(settings);
    // Read, never followed: taking new events into the tree now would bake any tampering into it.
    const db = existsSync(ledgerFile(settings.dataDir)) ? openLedgerDb(ledgerFile(settings.dataDir)) : undefined;
    const records = db && new LedgerRecords(db);
    try {
      for (const position of [values.from, values.to]) {
        try {
          if (position !== undefined) store.comparePositions(position, position);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      }
      const stored = db && records && { nodes: new SqliteNodeStore(db), records };
      const progress = new Progress('verifying the log', (text) => process.stderr.write(text));
      const report = await verifyLog(store, {
        from: values.from,
        to: values.to,
        saved,
        operatorKey: operatorKey(settings),
        stored,
        onProgress: (events) => progress.update(events, stored?.nodes.leafCount() ?? 0),
      });
      progress.finish(report.events);
      print(report, io, saved !== undefined);
      records?.recordVerification({
        finishedAt: new Date().toISOString(),
        ok: report.ok,
        events: report.checked,
        treeSize: report.treeSize,
        root: report.root,
        firstBreak: report.breaks[0]?.message ?? null,
        scope: [
          values.from || values.to ? `positions ${values.from ?? 'start'} to ${values.to ?? 'end'}` : 'all',
          saved ? `saved checkpoint of size ${saved.size}` : '',
        ]
          .filter(Boolean)
          .join(', '),
      });
      return report.ok ? 0 : 1;
    } finally {
      db?.close();
      await store.close();
    }
  },
};

function readSaved(file: string) {
  try {
    return parseCheckpointFile(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new UsageError(`--checkpoint ${file}: ${(error as Error).message}`);
  }
}

/** The operator's key when this DATA_DIR has it: the chain of custody must end there. */
function operatorKey(settings: Settings) {
  const file = settings.ledgerKeyFile ?? defaultLedgerKeyFile(settings.dataDir);
  return existsSync(file) ? readSigningKey(file).publicKey : undefined;
}

function print(report: VerifyReport, io: CliIo, withSaved: boolean): void {
  io.out(`events: ${report.events} read, ${report.checked} checked, in ${report.streams} streams`);
  io.out(`tree: size ${report.treeSize}, root ${report.root}`);
  if (report.beyondStoredTree > 0) io.out(`not yet in the ledger file's tree: ${report.beyondStoredTree} events (checked by their chains)`);
  for (const checkpoint of report.checkpoints) {
    const witnesses = checkpoint.witnesses.length ? `witnessed by ${checkpoint.witnesses.join(', ')}` : 'no witness';
    io.out(`checkpoint: size ${checkpoint.size} at position ${checkpoint.position}: ${checkpoint.valid ? 'valid' : 'INVALID'}, ${witnesses}`);
  }
  for (const rotation of report.rotations) {
    const valid = rotation.valid ? 'valid' : 'INVALID';
    io.out(`key rotation: size ${rotation.size} at position ${rotation.position}: key ${rotation.from} to ${rotation.to}: ${valid} (${rotation.reason})`);
  }
  if (withSaved && report.saved) {
    io.out(`saved checkpoint: size ${report.saved.size}: ${report.saved.consistent ? 'the log extends it' : 'the log does NOT extend it'}`);
  }
  for (const found of report.breaks) io.out(`BREAK [${found.kind}] ${found.message}`);
  if (report.breakCount > report.breaks.length) io.out(`... and ${report.breakCount - report.breaks.length} more breaks`);
  io.out(report.ok ? 'OK: every chain, the tree and every checkpoint verify' : `FAILED: ${report.breakCount} break(s); the first: ${report.breaks[0].message}`);
}
