import { Global, Inject, Logger, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessLog, TokenService, signingSecret } from '@ddr/access';
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

@Global()
@Module({})
export class AccessModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        { provide: TokenService, useFactory: () => new TokenService(signingSecret(settings.dataDir, settings.jwtSecret)) },
        {
          provide: AccessLog,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new AccessLog(store, { onError: (error) => Logger.error(`access log write failed: ${(error as Error).message}`, 'AccessLog') }),
        },
        { provide: RateLimiter, useFactory: () => new RateLimiter(settings.rateLimitPerMinute) },
        AccessLogCloser,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [TokenService, AccessLog],
    };
  }
}
