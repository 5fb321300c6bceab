import { forbiddenAddress, parseWebhookUrl, resolveSafely, UnsafeUrlError, type Lookup } from './url-safety';

const strict = { httpsOnly: false, allowPrivate: false };
const names: Record<string, string[]> = {
  'internal.example': ['10.0.0.5'],
  'mixed.example': ['93.184.215.14', '192.168.1.9'],
  'public.example': ['93.184.215.14'],
};
const lookup: Lookup = async (host) => (names[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const refused = (raw: string, policy = strict) =>
  resolveSafely(parseWebhookUrl(raw, policy), policy, lookup).then(
    () => undefined,
    (error: unknown) => error,
  );

describe('webhook URL safety', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1'])(
    'refuses %s',
    (address) => expect(forbiddenAddress(address)).toBeDefined(),
  );

  it.each(['93.184.215.14', '2606:4700::6810:84e5', '8.8.8.8'])('allows the public address %s', (address) => expect(forbiddenAddress(address)).toBeUndefined());

  it('refuses a name that resolves to a private address, or to any private address among public ones', async () => {
    expect(await refused('https://internal.example/hook')).toBeInstanceOf(UnsafeUrlError);
    expect(await refused('https://mixed.example/hook')).toBeInstanceOf(UnsafeUrlError);
    expect(await refused('https://public.example/hook')).toBeUndefined();
    expect(await refused('http://169.254.169.254/latest/meta-data')).toBeInstanceOf(UnsafeUrlError);
  });

  it('allows private addresses when told to (WEBHOOK_ALLOW_PRIVATE), never another scheme', async () => {
    const open = { httpsOnly: false, allowPrivate: true };
    expect(await refused('http://internal.example/hook', open)).toBeUndefined();
    expect(() => parseWebhookUrl('file:///etc/passwd', open)).toThrow(UnsafeUrlError);
  });

  it('wants https in production, and no credentials in the URL', () => {
    expect(() => parseWebhookUrl('http://public.example/hook', { httpsOnly: true, allowPrivate: false })).toThrow(/https/);
    expect(() => parseWebhookUrl('https://user:pw@public.example/hook', strict)).toThrow(/credentials/);
    expect(parseWebhookUrl('https://public.example/hook', { httpsOnly: true, allowPrivate: false }).host).toBe('public.example');
  });
});
