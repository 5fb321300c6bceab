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
import { AccessLog, DataDirKeys, PersonTokens, TokenService, signingSecret } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import type { Settings } from '@ddr/settings';
import { AccessGuard } from './access.guard';
import { RateLimiter } from './rate-limiter';
import { RestrictedReads } from './restricted-reads';

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
    return this.personTokens.start();
  }
  onModuleDestroy(): Promise<void> {
    return this.personTokens.follower.stop();
  }
}

/** The secret that signs bearer tokens (and the sign-in cookie): JWT_SECRET, or generated under DATA_DIR/keys. */
export const SIGNING_SECRET = Symbol('SIGNING_SECRET');

@Global()
@Module({})
export class AccessModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        // Read once: every token check, every issue and the sign-in cookie share it.
        { provide: SIGNING_SECRET, useFactory: () => signingSecret(settings.dataDir, settings.jwtSecret) },
        {
          // One token service: it signs what PersonTokens issues and refuses what PersonTokens has revoked.
          provide: PersonTokens,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => {
            // The first key is SIGNING_SECRET's; operators add and retire others with `ddr token key`.
            const keys = new DataDirKeys(settings.dataDir, settings.jwtSecret);
            const tokens: TokenService = new TokenService(keys, { isRevoked: (token) => personTokens.isRevoked(token) });
            const personTokens: PersonTokens = new PersonTokens(store, tokens, {
              maxTtlSeconds: settings.tokenMaxTtlHours * 3600,
              onError: (error) => Logger.error(`following the accounts failed, retrying: ${(error as Error).message}`, 'Accounts'),
            });
            return personTokens;
          },
        },
        { provide: TokenService, inject: [PersonTokens], useFactory: (personTokens: PersonTokens) => personTokens.signer },
        {
          provide: AccessLog,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new AccessLog(store, { onError: (error) => Logger.error(`access log write failed: ${(error as Error).message}`, 'AccessLog') }),
        },
        { provide: RateLimiter, useFactory: () => new RateLimiter(settings.rateLimitPerMinute) },
        RestrictedReads,
        AccessLogCloser,
        PersonTokensLifecycle,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [SIGNING_SECRET, TokenService, AccessLog, PersonTokens, RestrictedReads],
    };
  }
}
