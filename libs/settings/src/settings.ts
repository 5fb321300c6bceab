import { resolve } from 'node:path';

/** Everything the deployables read from the environment, read in one place. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'esdb';
  esdbConnectionString?: string;
  /** SQLite `synchronous`: FULL survives power loss, NORMAL only a process crash. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
}

export class SettingsError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SettingsError(`PORT must be a port number, got ${env.PORT}`);
  const eventStore = env.EVENT_STORE ?? 'sqlite';
  if (eventStore !== 'sqlite' && eventStore !== 'esdb') {
    throw new SettingsError(`EVENT_STORE must be sqlite or esdb, got ${eventStore}`);
  }
  if (eventStore === 'esdb' && !env.ESDB_CONNECTION_STRING) {
    throw new SettingsError('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  }
  const synchronous = env.SQLITE_SYNCHRONOUS ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new SettingsError(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, got ${synchronous}`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStore,
    esdbConnectionString: env.ESDB_CONNECTION_STRING,
    sqliteSynchronous: synchronous,
  };
}
