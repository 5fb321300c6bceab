import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EsdbProtocolServer } from '@ddr/event-store/testing';
import { MetricsLifecycle } from '../../apps/api/src/operations/operations.module';
import { ROOT } from '../support/built';
import { startTestServer } from '../support/server';

type Service = { image?: string; environment?: Record<string, string>; volumes?: string[] };
type Compose = { services: Record<string, Service> };
type Rules = { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> };
type Dashboard = { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const rules = (parse(read('deploy/prometheus/alerts.yml')) as Rules).groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(read('deploy/grafana/dashboards/ddr-operations.json')) as Dashboard;
const FAMILY = /\b((?:ddr|nodejs|process)_[a-z_]+)\b/g;

describe.each([
  ['docker-compose.yml', 'deploy/prometheus/prometheus.yml'],
  ['docker-compose.cluster.yml', 'deploy/prometheus/prometheus.cluster.yml'],
])('%s with Prometheus and Grafana', (file, prometheusConfig) => {
  const compose = parse(read(file), { merge: true }) as Compose;
  const apis = Object.entries(compose.services).filter(([, service]) => service.environment?.EVENT_STORE);
  const mounted = (service: string, source: string) => compose.services[service].volumes?.some((volume) => volume.startsWith(`./${source}:`));

  it('scrapes every API replica at its METRICS_PORT, which no API publishes', () => {
    expect(mounted('prometheus', prometheusConfig)).toBe(true);
    const config = parse(read(prometheusConfig)) as { scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }> };
    const targets = config.scrape_configs.flatMap((scrape) => scrape.static_configs.flatMap((group) => group.targets));
    expect(targets.sort()).toEqual(apis.map(([name, api]) => `${name}:${api.environment!.METRICS_PORT}`).sort());
    for (const [, api] of apis) expect(api.environment!.METRICS_HOST).toBe('0.0.0.0');
  });

  it('loads the alert rules into Prometheus and the dashboard into Grafana', () => {
    expect(mounted('prometheus', 'deploy/prometheus/alerts.yml')).toBe(true);
    expect(mounted('grafana', 'deploy/grafana/provisioning')).toBe(true);
    expect(mounted('grafana', 'deploy/grafana/dashboards')).toBe(true);
    expect(compose.services.grafana.environment?.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
  });
});

describe('the alert rules, the dashboard and docs/operations.md', () => {
  let exposed: Set<string>;
  beforeAll(async () => {
    // Both stores: the SQLite families on one server, the EventStoreDB ones on the other.
    const esdb = await EsdbProtocolServer.start();
    const servers = [
      await startTestServer({ METRICS_PORT: '0' }),
      await startTestServer({ METRICS_PORT: '0', EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: esdb.connectionString }),
    ];
    try {
      // Families as declared (`# TYPE name type`): a labelled counter has no sample before its first count.
      const scraped = await Promise.all(servers.map(async (server) => (await fetch(server.app.get(MetricsLifecycle).url!)).text()));
      exposed = new Set(scraped.flatMap((text) => [...text.matchAll(/^# TYPE (\S+) /gm)].map(([, name]) => name)));
    } finally {
      for (const server of servers) await server.close();
      await esdb.close();
    }
  }, 60_000);

  it('alert when notifications fail or fall behind, and chart them', () => {
    const alert = (name: string) => rules.find((rule) => rule.alert === name)?.expr ?? '';
    expect(alert('DdrNotificationsFailing')).toContain('ddr_notification_deliveries_total{outcome="gave_up"}');
    expect(alert('DdrNotificationsLagging')).toContain('ddr_follower_lag_seconds{follower="notifications"}');
    expect(dashboard.panels.some((panel) => panel.targets.some((target) => target.expr.includes('ddr_notification_deliveries_total')))).toBe(true);
    expect(exposed.has('ddr_notification_deliveries_total')).toBe(true);
  });

  it('use only metric families the server exposes', () => {
    const expressions = [...rules.map((rule) => rule.expr), ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr))];
    const used = new Set(expressions.flatMap((expr) => [...expr.matchAll(FAMILY)].map(([, name]) => name.replace(/_(bucket|sum|count)$/, ''))));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('document every ddr_ family and say what to do for every alert', () => {
    const operations = read('docs/operations.md');
    const families = [...exposed].filter((name) => name.startsWith('ddr_'));
    expect(families.length).toBeGreaterThan(10);
    expect(families.filter((family) => !operations.includes(`\`${family}\``))).toEqual([]);
    expect(rules.map((rule) => rule.alert).filter((alert) => !operations.includes(`#### ${alert}`))).toEqual([]);
  });
});
