import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSigningKey, DataDirKeys, retireSigningKey } from './signing-keys';
import { TokenService, type TokenFacts } from './tokens';

const grant = { subject: 'cts-secretariat', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 3600 } as const;

describe('a token checked once is remembered, and still refused once expired, revoked or its key retired', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ddr-tokens-'))));
  afterEach(() => {
    jest.useRealTimers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("checks a token's signature once, and knows it again by its whole text only", () => {
    const verify = jest.spyOn(jwt, 'verify');
    const tokens = new TokenService('a secret of the CTS secretariat');
    const token = tokens.issue(grant);
    expect(tokens.check(token).actor).toEqual({ subject: 'cts-secretariat', body: 'CTS', role: 'SECRETARIAT' });
    expect(tokens.check(token).actor).toEqual({ subject: 'cts-secretariat', body: 'CTS', role: 'SECRETARIAT' });
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
    // The signature's last character changed: a remembered token is found by its whole text, so this one is checked and refused.
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(() => tokens.check(forged)).toThrow('the token is not valid');
    expect(tokens.check(token).actor.body).toBe('CTS');
  });

  it('refuses a remembered token from the second it expires', () => {
    jest.useFakeTimers({ now: new Date('2019-09-25T08:00:00Z') });
    const tokens = new TokenService('a secret of the CTS secretariat');
    const token = tokens.issue({ ...grant, ttlSeconds: 60 });
    expect(tokens.check(token).actor.subject).toBe('cts-secretariat');
    jest.setSystemTime(new Date('2019-09-25T08:00:59.999Z'));
    expect(tokens.check(token).actor.subject).toBe('cts-secretariat');
    jest.setSystemTime(new Date('2019-09-25T08:01:00Z'));
    expect(() => tokens.check(token)).toThrow('the token has expired');
  });

  it('refuses a remembered token once it is revoked', () => {
    const revoked = new Set<string>();
    const tokens = new TokenService('a secret of the CTS secretariat', { isRevoked: (facts: TokenFacts) => revoked.has(facts.tokenId ?? '') });
    const token = tokens.issue({ ...grant, tokenId: 'cts-token-1' });
    expect(tokens.check(token).tokenId).toBe('cts-token-1');
    revoked.add('cts-token-1');
    expect(() => tokens.check(token)).toThrow('the token has been revoked');
  });

  it('refuses a remembered token once its key is retired, within the second the keys are read again', () => {
    let now = Date.parse('2019-09-25T08:00:00Z');
    const tokens = new TokenService(new DataDirKeys(dataDir, 'the first key of this store, long enough to sign with', () => now));
    const first = tokens.issue(grant);
    // Both writes of the key file within one tick of the file system's clock: they share a modification time.
    const sameTick = () => utimesSync(join(dataDir, 'keys', 'jwt-keys.json'), 1_569_398_400, 1_569_398_400);
    const kid = addSigningKey(dataDir);
    sameTick();
    now += 1_001;
    const second = tokens.issue(grant);
    expect(tokens.check(first).actor.body).toBe('CTS');
    expect(tokens.check(second).actor.body).toBe('CTS');
    retireSigningKey(dataDir, 'k0');
    sameTick();
    now += 1_001;
    expect(() => tokens.check(first)).toThrow('the token is signed by a retired or unknown key');
    expect(tokens.check(second).actor.body).toBe('CTS');
    expect(kid).not.toBe('k0');
  });
});
