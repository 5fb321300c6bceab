import { DEFAULT_SCENARIO } from '@ddr/settings';
import { startTestServer, type RunningServer } from '../support/server';
import { smtpReceiver } from './smtp-receiver';

/** Quoted-printable soft breaks and escapes undone, so the text reads as sent. */
const decoded = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe('email digests', () => {
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let server: RunningServer;

  beforeAll(async () => {
    smtp = await smtpReceiver();
    // The brief's history, loaded on an empty store as `npm start` does.
    server = await startTestServer({ FIRST_START_SCENARIO: DEFAULT_SCENARIO, SMTP_URL: smtp.url, NOTIFY_CLOCK_INTERVAL_MS: '200' });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('sends the CNDDR a French digest naming its overdue commitment from the brief, once per period', async () => {
    const subscribe = await server.graphql(
      `mutation($input: SubscribeDigestInput!) { subscribeDigest(input: $input) { id frequency language cancelled } }`,
      { input: { email: 'secretariat@cnddr.example', frequency: 'DAILY', language: 'FR' } },
      server.token('CNDDR', 'SECRETARIAT'),
    );
    expect(subscribe.errors).toBeUndefined();
    expect(subscribe.data!.subscribeDigest).toMatchObject({ frequency: 'DAILY', language: 'FR', cancelled: false });

    const deadline = Date.now() + 15_000;
    while (smtp.messages.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail.to).toEqual(['secretariat@cnddr.example']);
    const text = decoded(mail.raw);
    expect(text).toMatch(/Subject: .*CNDDR/);
    expect(text).toContain('Engagements en retard (1)');
    expect(text).toContain('Close the registration of combatants, as the March 2018 road map schedules (échéance 2018-04-30)');
    expect(text).toContain('/#/commitments/registration-closes-2018');
    expect(text).toMatch(/Message-ID:\s+<digest-[0-9a-f-]+-\d{4}-\d{2}-\d{2}@ddr-ledger>/i);

    // The clock keeps ticking: the day's digest is not sent again.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.messages).toHaveLength(1);
  });

  it('refuses an address that is not one, and records nothing', async () => {
    const token = server.token('CTS', 'SECRETARIAT');
    const answer = await server.graphql(
      `mutation($input: SubscribeDigestInput!) { subscribeDigest(input: $input) { id } }`,
      { input: { email: 'not an address', frequency: 'WEEKLY', language: 'EN' } },
      token,
    );
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await server.graphql(`{ digestSubscriptions { id } }`, {}, token)).data!.digestSubscriptions).toEqual([]);
  });
});
