import { parseArgs } from 'node:util';
import { openEventStore } from '@ddr/event-store';
import type { CliCommand } from '../cli-command';

export const eventsHead: CliCommand = {
  words: ['events', 'head'],
  usage: 'events head                      position of the last recorded event',
  async run(_args, settings, io) {
    const store = openEventStore(settings);
    try {
      io.out((await store.headPosition()) ?? 'empty');
      return 0;
    } finally {
      await store.close();
    }
  },
};

export const eventsTail: CliCommand = {
  words: ['events', 'tail'],
  usage:
    'events tail [--after POS] [--type T]... [--prefix P]... [--count N]\n' +
    '                                   follow the global log as JSON lines (stored history, then live)',
  async run(args, settings, io) {
    const { values } = parseArgs({
      args,
      options: {
        after: { type: 'string' },
        type: { type: 'string', multiple: true },
        prefix: { type: 'string', multiple: true },
        count: { type: 'string' },
      },
    });
    const limit = values.count === undefined ? Infinity : Number(values.count);
    const store = openEventStore(settings);
    const subscription = store.subscribeToAll({
      after: values.after,
      filter: { eventTypes: values.type, streamPrefixes: values.prefix },
    });
    const stop = () => void subscription.close();
    process.once('SIGINT', stop).once('SIGTERM', stop);
    void subscription.caughtUp.then(() => io.err('caught up; following live events'));
    let seen = 0;
    try {
      if (limit > 0) {
        for await (const event of subscription) {
          io.out(JSON.stringify(event));
          if (++seen >= limit) break;
        }
      }
      return 0;
    } finally {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      await subscription.close();
      await store.close();
    }
  },
};
