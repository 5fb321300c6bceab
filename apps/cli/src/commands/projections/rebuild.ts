import { openEventStore } from '@ddr/event-store';
import { readModelFile, rebuildReadModel } from '@ddr/read-model';
import type { CliCommand } from '../../cli-command';
import { loadDesks } from '../../load-desks';
import { Progress } from '../../progress';

export const projectionsRebuild: CliCommand = {
  words: ['projections', 'rebuild'],
  usage:
    'projections rebuild                 rebuild the read model from position 0 beside the current one, then swap it in\n' +
    '                                   (a running server keeps the file it opened: restart it afterwards)',
  async run(_args, settings, io) {
    const { domainUpcasters } = await loadDesks();
    const store = openEventStore(settings);
    const progress = new Progress('rebuilding read model', (text) => process.stderr.write(text));
    try {
      const checkpoint = await rebuildReadModel(store, readModelFile(settings.dataDir), domainUpcasters(), ({ applied, expected }) =>
        progress.update(applied, expected),
      );
      progress.finish(checkpoint.seq);
      io.out(JSON.stringify({ applied: checkpoint.seq, position: checkpoint.position }));
      return 0;
    } finally {
      await store.close();
    }
  },
};
