import { readFileSync } from 'node:fs';
import { Logger, type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { loadScenario, parseScenario } from '@ddr/scenario';
import { ReadSide } from '../read-side/read-side';

/**
 * On an empty store, loads the first-start scenario through the command bus
 * (validated, authorised and decided like any write), and waits until the
 * read model shows it, so a newcomer's first query sees the history.
 */
export async function loadFirstStartScenario(app: INestApplication, file: string | null): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  if (!file || (await store.headPosition()) !== undefined) return;
  const scenario = parseScenario(readFileSync(file, 'utf8'));
  const result = await loadScenario(app.get(CommandBus), scenario);
  if (result.position) await app.get(ReadSide).runner.waitFor(result.position, 60_000);
  Logger.log(`loaded ${scenario.title}: ${result.recorded} acts from ${file}`, 'FirstStart');
}
