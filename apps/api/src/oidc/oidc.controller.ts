import { BadRequestException, Controller, ForbiddenException, Get, Inject, Logger, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OidcSettings } from '@ddr/settings';
import { OidcSignIn, SignInRefusedError } from './oidc-sign-in';
import { SIGN_IN_COOKIE, SignInCookie } from './sign-in-cookie';

export const OIDC_SETTINGS = Symbol('OIDC_SETTINGS');

/**
 * `GET /auth/oidc/login` sends the browser to the identity provider;
 * `GET /auth/oidc/callback` answers, as JSON, one of our bearer tokens for
 * the person who signed in there.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(OidcSignIn) private readonly signIn: OidcSignIn,
    @Inject(SignInCookie) private readonly cookie: SignInCookie,
    @Inject(OIDC_SETTINGS) private readonly settings: OidcSettings,
  ) {}

  @Get('login')
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { url, pending } = await this.signIn.start(this.redirectUri(request));
    const maxAge = Math.round((pending.expiresAt - Date.now()) / 1000);
    // Lax: the provider's redirect back is a top-level GET, which Lax lets through.
    void reply
      .header('set-cookie', `${SIGN_IN_COOKIE}=${this.cookie.seal(pending)}; Path=/auth/oidc; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`)
      .header('cache-control', 'no-store')
      .redirect(url.href, 302);
  }

  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const pending = this.cookie.open(request.headers.cookie);
    if (!pending) throw new BadRequestException('no sign-in is under way in this browser, or it took longer than 10 minutes: start again at /auth/oidc/login');
    const callbackUrl = new URL(request.url, this.redirectUri(request));
    try {
      const { token, record } = await this.signIn.finish(callbackUrl, pending);
      void reply
        .header('set-cookie', `${SIGN_IN_COOKIE}=; Path=/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax`)
        .header('cache-control', 'no-store')
        .send({ token, tokenId: record.tokenId, person: record.person, body: record.body, role: record.role, expiresAt: record.expiresAt });
    } catch (error) {
      if (error instanceof SignInRefusedError) throw new ForbiddenException(error.message);
      Logger.warn(`OIDC sign-in failed: ${(error as Error).message}`, 'OIDC');
      throw new UnauthorizedException('the identity provider did not confirm the sign-in; start again at /auth/oidc/login');
    }
  }

  private redirectUri(request: FastifyRequest): string {
    return this.settings.redirectUri ?? `${request.protocol}://${request.host}/auth/oidc/callback`;
  }
}
