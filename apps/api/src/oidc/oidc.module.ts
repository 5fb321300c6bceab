import { Module, type DynamicModule } from '@nestjs/common';
import { PersonTokens } from '@ddr/access';
import { SIGNING_SECRET } from '../access/access.module';
import type { Settings } from '@ddr/settings';
import { OIDC_SETTINGS, OidcController } from './oidc.controller';
import { OidcSignIn } from './oidc-sign-in';
import { SignInCookie } from './sign-in-cookie';

/** Sign-in through the identity provider, when OIDC_ISSUER is configured; nothing at all otherwise. */
@Module({})
export class OidcModule {
  static forRoot(settings: Settings): DynamicModule {
    const oidc = settings.oidc;
    if (!oidc) return { module: OidcModule };
    return {
      module: OidcModule,
      controllers: [OidcController],
      providers: [
        { provide: OIDC_SETTINGS, useValue: oidc },
        { provide: OidcSignIn, inject: [PersonTokens], useFactory: (personTokens: PersonTokens) => new OidcSignIn(oidc, personTokens) },
        { provide: SignInCookie, inject: [SIGNING_SECRET], useFactory: (secret: string) => new SignInCookie(secret) },
      ],
    };
  }
}
