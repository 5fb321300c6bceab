import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not go: loopback, private, link-local (the cloud
 * metadata service at 169.254.169.254 among them), shared and unspecified
 * addresses, in IPv4 and IPv6 (IPv4-mapped included). Otherwise a
 * secretariat's URL could make the server probe its own network.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

export interface UrlPolicy {
  /** Only https (NODE_ENV=production). */
  httpsOnly: boolean;
  /** WEBHOOK_ALLOW_PRIVATE=true: loopback and private addresses allowed (tests, a closed network). */
  allowPrivate: boolean;
}

export type Lookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;
export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export class UnsafeUrlError extends Error {}

/** Why an address may not be called, or undefined when it may. */
export function forbiddenAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return forbiddenAddress(mapped[1]);
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `${address} is a loopback, private, link-local or reserved address` : undefined;
}

/** The URL's form: absolute http(s), no credentials, https when required. Throws UnsafeUrlError. */
export function parseWebhookUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError(`${raw} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeUrlError(`a webhook URL is http or https, not ${url.protocol}`);
  if (policy.httpsOnly && url.protocol !== 'https:') throw new UnsafeUrlError('webhook URLs must use https in production');
  if (url.username || url.password) throw new UnsafeUrlError('a webhook URL carries no credentials; the signature authenticates the server');
  if (raw.length > 2_000) throw new UnsafeUrlError('a webhook URL is at most 2,000 characters');
  return url;
}

/**
 * The addresses the URL's host resolves to, every one of them allowed; called
 * at registration and again before every attempt, and the attempt connects to
 * the address checked here (so a name that rebinds to a private address after
 * the check is never called).
 */
export async function resolveSafely(url: URL, policy: UrlPolicy, lookup: Lookup = systemLookup): Promise<Array<{ address: string; family: number }>> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host);
    } catch (error) {
      throw new UnsafeUrlError(`${host} does not resolve: ${(error as Error).message}`);
    }
  }
  if (addresses.length === 0) throw new UnsafeUrlError(`${host} does not resolve`);
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      const reason = forbiddenAddress(address);
      if (reason) throw new UnsafeUrlError(`${url.host} resolves to ${reason}; webhooks go to public addresses only`);
    }
  }
  return addresses;
}
