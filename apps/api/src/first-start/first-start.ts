import { readFileSync } from 'node:fs';
import { Logger, type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ACCOUNTS_STREAM } from '@ddr/access';
import { EVENT_STORE, pagesOf, type EventStore } from '@ddr/event-store';
import { loadScenario, parseScenario } from '@ddr/scenario';
import { ReadSide } from '../read-side/read-side';

/**
 * On an empty store, loads the first-start scenario through the command bus
 * (validated, authorised and decided like any write), and waits until the
 * read model shows it, so a newcomer's first query sees the history.
 */
export async function loadFirstStartScenario(app: INestApplication, file: string | null): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  if (!file || !(await nothingRecordedButTokens(store))) return;
  const scenario = parseScenario(readFileSync(file, 'utf8'));
  const result = await loadScenario(app.get(CommandBus), scenario);
  if (result.position) await app.get(ReadSide).runner.waitFor(result.position, 60_000);
  Logger.log(`loaded ${scenario.title}: ${result.recorded} acts from ${file}`, 'FirstStart');
}

/** Tokens issued with `ddr token` before the first start are records of access, not of the history. */
async function nothingRecordedButTokens(store: EventStore): Promise<boolean> {
  for await (const page of pagesOf(store, { pageSize: 100 })) {
    if (page.some((event) => event.streamId !== ACCOUNTS_STREAM)) return false;
  }
  return true;
}
