import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { EventStoreModule } from '@ddr/event-store/nest';
import { SecretariatsModule } from '@ddr/bodies/all';
import type { Actor, Body, Role } from '@ddr/kernel';
import type { CommandOutcome } from '@ddr/decision-runner';
import type { AnyCommandDescriptor } from '@ddr/desks';

/** The secretariat desks over a real SQLite file, driven through the command bus as the API drives them. */
export async function openDesks(): Promise<{
  app: INestApplicationContext;
  store: EventStore;
  send(command: AnyCommandDescriptor, input: object, body: Body, role?: Role): Promise<CommandOutcome>;
  close(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-desks-'));
  const module = await Test.createTestingModule({
    imports: [EventStoreModule.forRoot({ eventStore: 'sqlite', dataDir }), SecretariatsModule],
  }).compile();
  const app = await module.init();
  const bus = app.get(CommandBus);
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    send: (command, input, body, role = 'SECRETARIAT') => {
      const actor: Actor = { subject: `${body.toLowerCase()}-clerk`, body, role };
      return bus.execute(new command.busCommand(input, actor));
    },
    close: () => app.close(),
  };
}
