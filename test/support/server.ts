import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TokenService, signingSecret } from '@ddr/access';
import type { Body, Role } from '@ddr/kernel';
import { readSettings, type Settings } from '@ddr/settings';
import { ReadSide } from '../../apps/api/src/read-side/read-side';
import { startServer } from '../../apps/api/src/server';

export interface GraphqlAnswer<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
  extensions?: { readModel?: { position: string | null } } & Record<string, unknown>;
}

export interface RunningServer {
  app: INestApplication;
  url: string;
  settings: Settings;
  /** A token the server accepts, as `npm run ddr -- token` would print it. */
  token(body: Body, role: Role, ttlSeconds?: number): string;
  graphql<T = Record<string, any>>(query: string, variables?: object, token?: string): Promise<GraphqlAnswer<T>>;
  close(): Promise<void>;
}

/** The real server on a loopback port of its own, over a fresh DATA_DIR unless one is given. */
export async function startTestServer(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  // NODE_ENV as jest sets it (test): the server logs errors only, unless a test asks for LOG_LEVEL.
  const settings = readSettings({
    NODE_ENV: process.env.NODE_ENV,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ddr-api-')),
    PORT: '0',
    FIRST_START_SCENARIO: 'none',
    ...env,
  });
  const { app, url } = await startServer(settings);
  // As a load balancer waits for /health: the read model holds what the store held at start.
  await app.get(ReadSide).caughtUp;
  const tokens = new TokenService(signingSecret(settings.dataDir, settings.jwtSecret));
  return {
    app,
    url,
    settings,
    token: (body, role, ttlSeconds = 3600) => tokens.issue({ subject: `${body.toLowerCase()}-${role.toLowerCase()}`, body, role, ttlSeconds }),
    async graphql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    close: () => app.close(),
  };
}
