import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { TokenService } from '@ddr/access';
import { BODY_VIEWS, DESK_COMMANDS, SecretariatsModule } from '@ddr/bodies/all';
import { EventStoreModule } from '@ddr/event-store/nest';
import type { Settings } from '@ddr/settings';
import { AccessModule } from './access/access.module';
import { AccountsResolver } from './accounts/accounts.resolver';
import { AssessmentsResolver } from './assessments/assessments.resolver';
import { BodyViewResolver } from './bodies/body-view.resolver';
import { CommitmentsResolver } from './commitments/commitments.resolver';
import { DelaysResolver } from './delays/delays.resolver';
import { ConditionsResolver } from './conditions/conditions.resolver';
import { graphqlOptions } from './graphql/graphql.config';
import { GraphqlErrorFilter } from './graphql/errors';
import { DeskController } from './desk/desk.controller';
import { GraphiqlController } from './graphiql/graphiql.controller';
import { HealthController } from './health/health.controller';
import { READY_MAX_LAG } from './health/ready-max-lag';
import { HistoryResolver } from './history/history.resolver';
import { RecordedEventResolver } from './history/recorded-event.resolver';
import { InstrumentsResolver } from './instruments/instruments.resolver';
import { LogHeadResolver } from './log-head/log-head.resolver';
import { LedgerModule } from './ledger/ledger.module';
import { MeetingsResolver } from './meetings/meetings.resolver';
import { ExportsModule } from './exports/exports.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OidcModule } from './oidc/oidc.module';
import { Operations, OperationsModule } from './operations/operations.module';
import { commandMutation } from './mutations/command-mutation.resolver';
import { ProgrammesResolver } from './programmes/programmes.resolver';
import { ProgrammeBreakdownResolver, TrancheBreakdownResolver } from './programmes/breakdowns.resolver';
import { ReadSide } from './read-side/read-side';
import { ReadSideModule } from './read-side/read-side.module';
import { EventsSubscriptionResolver } from './subscriptions/events.resolver';
import { TimelineResolver } from './timeline/timeline.resolver';

@Module({})
export class AppModule {
  static forRoot(settings: Settings, operations: Operations): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forRoot(settings, operations.wrapStore),
        OperationsModule.forRoot(settings, operations),
        SecretariatsModule,
        ReadSideModule.forRoot(settings),
        LedgerModule.forRoot(settings),
        AccessModule.forRoot(settings),
        OidcModule.forRoot(settings),
        NotificationsModule.forRoot(settings),
        ExportsModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [TokenService, ReadSide],
          useFactory: (tokens: TokenService, readSide: ReadSide) => graphqlOptions(settings, tokens, readSide, operations),
        }),
      ],
      controllers: [HealthController, GraphiqlController, DeskController],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        { provide: READY_MAX_LAG, useValue: settings.readyMaxLag },
        LogHeadResolver,
        AccountsResolver,
        InstrumentsResolver,
        BodyViewResolver,
        ...BODY_VIEWS,
        ProgrammesResolver,
        ProgrammeBreakdownResolver,
        TrancheBreakdownResolver,
        CommitmentsResolver,
        ConditionsResolver,
        AssessmentsResolver,
        MeetingsResolver,
        TimelineResolver,
        DelaysResolver,
        HistoryResolver,
        RecordedEventResolver,
        ...DESK_COMMANDS.map(commandMutation),
        EventsSubscriptionResolver,
      ],
    };
  }
}
