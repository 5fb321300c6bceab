import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessLog, PersonTokens, TokenService, signingSecret } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import type { Settings } from '@ddr/settings';
import { AccessGuard } from './access.guard';
import { RateLimiter } from './rate-limiter';

/** Writes the refusals still queued before the store closes. */
class AccessLogCloser implements BeforeApplicationShutdown {
  constructor(@Inject(AccessLog) private readonly accessLog: AccessLog) {}
  beforeApplicationShutdown(): Promise<void> {
    return this.accessLog.close();
  }
}

/** Knows every revocation before the server answers: a revoked token must never pass, even just after a restart. */
class PersonTokensLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(PersonTokens) private readonly personTokens: PersonTokens) {}
  onApplicationBootstrap(): Promise<void> {
    return this.personTokens.follower.start();
  }
  onModuleDestroy(): Promise<void> {
    return this.personTokens.follower.stop();
  }
}

@Global()
@Module({})
export class AccessModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        {
          provide: PersonTokens,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new PersonTokens(store, new TokenService(signingSecret(settings.dataDir, settings.jwtSecret)), {
              onError: (error) => Logger.error(`following the accounts failed, retrying: ${(error as Error).message}`, 'Accounts'),
            }),
        },
        {
          provide: TokenService,
          inject: [PersonTokens],
          useFactory: (personTokens: PersonTokens) =>
            new TokenService(signingSecret(settings.dataDir, settings.jwtSecret), { isRevoked: (tokenId) => personTokens.isRevoked(tokenId) }),
        },
        {
          provide: AccessLog,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new AccessLog(store, { onError: (error) => Logger.error(`access log write failed: ${(error as Error).message}`, 'AccessLog') }),
        },
        { provide: RateLimiter, useFactory: () => new RateLimiter(settings.rateLimitPerMinute) },
        AccessLogCloser,
        PersonTokensLifecycle,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [TokenService, AccessLog, PersonTokens],
    };
  }
}
