import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { EventStoreModule } from '@ddr/event-store';
import type { Settings } from '@ddr/settings';
import { HealthController } from './health/health.controller';
import { LedgerStatusResolver } from './ledger-status/ledger-status.resolver';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forRoot(settings),
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: false,
          path: '/graphql',
        }),
      ],
      controllers: [HealthController],
      providers: [LedgerStatusResolver],
    };
  }
}
