import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ddr/event-store';
import { ACCOUNTS_STREAM, SERVER_MACHINE, personTokenIssued, personTokenRevoked, subjectRevoked, type PersonTokenIssued } from './account-events';
import { TokenRegister } from './token-register';

const HOUR = 3_600_000;
let revision = 0;
const recorded = (event: ReturnType<typeof personTokenIssued>): RecordedEvent => ({
  ...event,
  streamId: ACCOUNTS_STREAM,
  revision: revision++,
  position: String(revision),
  committedAt: new Date().toISOString(),
});
const issued = (person: string, from: number, hours: number): PersonTokenIssued => ({
  tokenId: randomUUID(),
  person,
  body: 'MOC',
  role: 'LIAISON',
  issuedAt: new Date(from).toISOString(),
  expiresAt: new Date(from + hours * HOUR).toISOString(),
});

describe("TokenRegister: what a server keeps of people's tokens does not grow without bound", () => {
  it('lets go of expired tokens, revoked or not, and says which revocation it applied', () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const register = new TokenRegister(() => now);
    const [day, week, month] = [issued('Amadou', now, 24), issued('Binta', now, 24 * 7), issued('Drissa', now, 24 * 30)];
    for (const grant of [day, week, month]) register.apply(recorded(personTokenIssued(SERVER_MACHINE, grant)));
    expect(register.apply(recorded(personTokenRevoked(SERVER_MACHINE, { tokenId: week.tokenId, reason: 'left Gao' })))).toBe(true);
    expect(register.page('MOC', 10).nodes.map((token) => token.person)).toEqual(['Drissa', 'Binta', 'Amadou']);

    now += 8 * 24 * HOUR;
    expect(register.page('MOC', 10)).toMatchObject({ totalCount: 1, nodes: [{ person: 'Drissa' }] });
    expect(register.size).toBe(1);
    // A revocation of a token let go changes nothing; an issue already expired is never kept.
    expect(register.apply(recorded(personTokenRevoked(SERVER_MACHINE, { tokenId: day.tokenId, reason: 'late' })))).toBe(false);
    register.apply(recorded(personTokenIssued(SERVER_MACHINE, issued('Fanta', now - 48 * HOUR, 24))));
    expect(register.size).toBe(1);
  });

  it('prunes as it applies, at most once a minute, so a server that only follows the log stays bounded', () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const register = new TokenRegister(() => now);
    for (let i = 0; i < 50; i++) register.apply(recorded(personTokenIssued(SERVER_MACHINE, issued(`clerk ${i}`, now, 1))));
    expect(register.size).toBe(50);
    now += 2 * HOUR;
    register.apply(recorded(personTokenIssued(SERVER_MACHINE, issued('new clerk', now, 8))));
    expect(register.size).toBe(1);
  });

  it("a subject's revocation refuses its tokens issued up to the revocation's second, by iat, and not those issued after", () => {
    const register = new TokenRegister();
    const revokedAt = '2026-11-30T10:00:00.400Z';
    const second = Date.parse('2026-11-30T10:00:00Z') / 1000;
    expect(register.apply(recorded(subjectRevoked(SERVER_MACHINE, { subject: 'Awa', reason: 'left the CTS', revokedAt })))).toBe(true);
    expect(register.isRevoked({ subject: 'Awa', issuedAt: second - 3600 })).toBe(true);
    expect(register.isRevoked({ subject: 'Awa', issuedAt: second })).toBe(true);
    expect(register.isRevoked({ subject: 'Awa', issuedAt: second + 1 })).toBe(false);
    expect(register.isRevoked({ subject: 'Binta', issuedAt: second - 3600 })).toBe(false);
    expect(register.subjectRevocation('Awa')).toMatchObject({ reason: 'left the CTS', revokedBy: 'ddr-cli' });
  });
});
