import { readSettings } from '@ddr/settings';
import { startServer } from './server';

startServer(readSettings()).catch((error: unknown) => {
  process.stderr.write(`could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
