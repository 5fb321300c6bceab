import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DECIDED_STATE_SNAPSHOTS, EVENT_STORE, type EventStore, type SnapshotStore } from '@ddr/event-store';
import { DecisionRunner } from '@ddr/decision-runner';
import { Upcasters } from '@ddr/kernel';
import { CommandGate } from './command-gate';
import { DeskRegistry, type Desk } from './desks';

/** The secretariats' desks as NestJS providers: the command bus, the decision runner, the gate and the desk registry. */
@Global()
@Module({})
export class DesksModule {
  /** `upcasters` lifts old event versions for every reader and writer of the process. */
  static forRoot(upcasters: Upcasters): DynamicModule {
    return { module: DesksModule, ...desksProviders(upcasters) };
  }
}

const desksProviders = (upcasters: Upcasters) => ({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: Upcasters, useValue: upcasters },
    { provide: DeskRegistry, useFactory: () => new DeskRegistry([]) },
    {
      provide: DecisionRunner,
      inject: [EVENT_STORE, Upcasters, { token: DECIDED_STATE_SNAPSHOTS, optional: true }],
      useFactory: (store: EventStore, upcasters: Upcasters, snapshots?: SnapshotStore) => new DecisionRunner(store, { upcasters, states: { snapshots } }),
    },
    CommandGate,
  ],
  exports: [CqrsModule, Upcasters, DeskRegistry, DecisionRunner, CommandGate],
});

/** Base of every body module: registers the body's secretariat desks when the module starts. */
export abstract class BodyDeskModule implements OnModuleInit {
  protected abstract readonly desks: readonly Desk[];
  constructor(@Inject(DeskRegistry) private readonly registry: DeskRegistry) {}
  onModuleInit(): void {
    for (const desk of this.desks) this.registry.add(desk);
  }
}
