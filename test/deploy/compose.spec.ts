import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/built';

type Service = { image?: string; environment?: Record<string, string>; volumes?: string[]; ports?: string[]; depends_on?: Record<string, unknown> };
type Compose = { services: Record<string, Service>; volumes: Record<string, unknown> };

/**
 * No Docker engine runs here, so the compose files cannot be started in CI;
 * these checks keep them consistent with the settings the API reads.
 */
describe.each(['docker-compose.yml', 'docker-compose.cluster.yml'])('%s', (file) => {
  const compose = parse(readFileSync(join(ROOT, file), 'utf8'), { merge: true }) as Compose;
  const apis = Object.entries(compose.services).filter(([, service]) => service.environment?.EVENT_STORE);
  const nodes = Object.keys(compose.services).filter((name) => compose.services[name].image?.startsWith('eventstore/'));

  it('runs the API on EventStoreDB, naming only nodes the file defines', () => {
    expect(apis.length).toBeGreaterThan(0);
    for (const [, api] of apis) {
      expect(api.environment?.EVENT_STORE).toBe('esdb');
      const hosts = /^esdb(\+discover)?:\/\/([^?]+)\?tls=false$/.exec(api.environment!.ESDB_CONNECTION_STRING)![2].split(',');
      expect(hosts.map((host) => host.split(':')[0]).sort()).toEqual(nodes.sort());
      expect(Object.keys(api.depends_on ?? {}).sort()).toEqual(nodes.sort());
    }
  });

  it('gives each API replica its own read model volume, and publishes on loopback only', () => {
    const volumes = apis.map(([, api]) => api.volumes?.[0].split(':')[0]);
    expect(new Set(volumes).size).toBe(apis.length);
    for (const volume of volumes) expect(compose.volumes).toHaveProperty(volume!);
    for (const service of Object.values(compose.services)) {
      for (const port of service.ports ?? []) expect(port.startsWith('127.0.0.1:')).toBe(true);
    }
  });

  it('needs a shared JWT_SECRET so every replica accepts the same tokens', () => {
    for (const [, api] of apis) expect(api.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
  });
});
