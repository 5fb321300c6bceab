import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openEventStore } from '@ddr/event-store';
import { exportLog, importLog, type TransferSummary } from '@ddr/ledger/live';
import { UsageError, type CliCommand } from '../../cli-command';
import { refuseOverwrite } from '../../out-file';
import { Progress } from '../../progress';

export const exportCommand: CliCommand = {
  words: ['export'],
  usage:
    'export --format jsonl [--out FILE [--force]]\n' +
    '                                   write the log, one event a line, with all metadata, position, leaf index and\n' +
    '                                   leaf hash (to stdout, or FILE, overwritten only with --force); the tree root on\n' +
    '                                   stderr at the end',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } } });
    if (values.format !== 'jsonl') throw new UsageError('--format jsonl is the one format');
    if (values.out) refuseOverwrite(values.out, values.force);
    const store = openEventStore(settings);
    const out: Writable = values.out ? createWriteStream(values.out, { mode: 0o600 }) : process.stdout;
    const progress = new Progress('exporting', (text) => process.stderr.write(text));
    let summary: TransferSummary | undefined;
    try {
      for await (const line of exportLog(
        store,
        (done) => (summary = done),
        (events) => progress.update(events, 0),
      )) {
        // Respect back-pressure: a million lines must not pile up in memory.
        if (!out.write(`${line}\n`)) await once(out, 'drain');
      }
      if (values.out) {
        out.end();
        await once(out, 'finish');
      }
    } finally {
      await store.close();
    }
    progress.finish(summary!.events);
    io.err(`exported ${summary!.events} events of ${summary!.streams} streams; tree root ${summary!.root}`);
    return 0;
  },
};

export const importCommand: CliCommand = {
  words: ['import'],
  usage:
    'import FILE                        read an export into this EMPTY store: original ids, data and metadata, so the\n' +
    '                                   chains and the tree root come out identical (the file is checked whole first)',
  async run(args, settings, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError('give the file to import');
    const file = positionals[0];
    const lines = () => createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const store = openEventStore(settings);
    const checking = new Progress('checking', (text) => process.stderr.write(text));
    const importing = new Progress('importing', (text) => process.stderr.write(text));
    try {
      const summary = await importLog(store, lines, (events, phase) => (phase === 'checked' ? checking : importing).update(events, 0));
      importing.finish(summary.events);
      io.err(`imported ${summary.events} events of ${summary.streams} streams`);
      io.out(JSON.stringify(summary));
      return 0;
    } finally {
      await store.close();
    }
  },
};
