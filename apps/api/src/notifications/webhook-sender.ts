import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveSafely, systemLookup, type Lookup, type UrlPolicy } from '@ddr/notifications';

/** What one attempt came to: the status (null when none came back), how long it took, and what went wrong. */
export interface AttemptOutcome {
  status: number | null;
  latencyMs: number;
  error: string | null;
}

/** More of a response than this is not read: a receiver's answer is only its status. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one signed message. The host is resolved and checked here, at each
 * attempt, and the connection goes to the address checked (against DNS
 * rebinding); the whole attempt, connection to last byte, is bounded by
 * `timeoutMs`, and at most MAX_RESPONSE_BYTES of the answer are read.
 * Redirects are not followed: a 3xx is a failed attempt.
 */
export async function sendWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  policy: UrlPolicy & { timeoutMs: number },
  lookup: Lookup = systemLookup,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const [target] = await resolveSafely(url, policy, lookup);
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: unknown[]) => void)(null, [target]);
      else callback(null, target.address, target.family);
    };
    const status = await new Promise<number>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          lookup: pinned,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'ddr-ledger-webhooks' },
        },
        (response: IncomingMessage) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            // Enough of it: the status is known, the rest is not ours to hold.
            if (read > MAX_RESPONSE_BYTES) response.destroy();
          });
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(response.statusCode ?? 0));
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${policy.timeoutMs} ms`)), policy.timeoutMs);
      request.on('error', reject);
      request.on('close', () => clearTimeout(timer));
      request.end(body);
    });
    const ok = status >= 200 && status < 300;
    return { status, latencyMs: elapsed(), error: ok ? null : `HTTP ${status}` };
  } catch (error) {
    return { status: null, latencyMs: elapsed(), error: (error as Error).message };
  }
}
