import { parseArgs } from 'node:util';
import {
  ACCOUNTS_STREAM,
  SERVER_MACHINE,
  TokenRegister,
  TokenService,
  grantProblem,
  parseTtl,
  recordIssue,
  recordRevocation,
  signIssued,
  signingSecret,
} from '@ddr/access';
import { openEventStore } from '@ddr/event-store';
import type { Settings } from '@ddr/settings';
import { UsageError, type CliCommand } from '../cli-command';
import { parseBody, parseRole } from '../codes';

/** The accounts stream of this DATA_DIR's store, for as long as `use` runs. */
async function withStore<T>(settings: Settings, use: (store: ReturnType<typeof openEventStore>) => Promise<T>): Promise<T> {
  const store = openEventStore(settings);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * The desk at `/` of the server on these settings, signed in with the token: the token rides in the fragment,
 * which the browser never sends to a server, and the desk takes it out of the address at once.
 */
export function deskLink(settings: Settings, token: string): string {
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${settings.port}/#token=${token}`;
}

export const token: CliCommand = {
  words: ['token'],
  usage:
    'token --body BODY --role SECRETARIAT|LIAISON|AUDITOR|OPERATOR [--subject NAME] [--ttl 8h]\n' +
    '                                   print a bearer token (last line) the server on this DATA_DIR accepts;\n' +
    '                                   its issue and its id are recorded in the accounts stream',
  async run(args, settings, io) {
    const { values } = parseArgs({
      args,
      options: { body: { type: 'string' }, role: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string', default: '8h' } },
    });
    if (!values.body || !values.role) throw new UsageError('--body and --role are required');
    const body = parseBody(values.body);
    const role = parseRole(values.role);
    const problem = grantProblem(body, role);
    if (problem) throw new UsageError(problem);
    const person = values.subject ?? `${body.toLowerCase()}-${role.toLowerCase()}`;
    const ttlSeconds = (() => {
      try {
        return parseTtl(values.ttl);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const signer = new TokenService(signingSecret(settings.dataDir, settings.jwtSecret));
    const { issued } = await withStore(settings, (store) => recordIssue(store, SERVER_MACHINE, { person, body, role, ttlSeconds }));
    const signed = signIssued(signer, issued);
    io.err(`token ${issued.tokenId} for ${person}, ${role} of ${body}, valid ${values.ttl} (revoke: npm run ddr -- token revoke --id ${issued.tokenId}):`);
    io.err(`the desk, signed in with it: ${deskLink(settings, signed)}`);
    io.out(signed);
    return 0;
  },
};

export const tokenRevoke: CliCommand = {
  words: ['token', 'revoke'],
  usage:
    'token revoke --id TOKEN_ID --reason TEXT\n' +
    '                                   revoke a token by its id: recorded in the log, refused by every server on this store',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { id: { type: 'string' }, reason: { type: 'string' } } });
    if (!values.id || !values.reason?.trim()) throw new UsageError('--id and --reason are required');
    const tokenId = values.id;
    return withStore(settings, async (store) => {
      const register = new TokenRegister();
      for (const event of await store.readStream(ACCOUNTS_STREAM)) register.apply(event);
      const known = register.get(tokenId);
      if (!known) throw new Error(`no live token ${tokenId}: never issued, or expired`);
      if (known.revoked) {
        io.err(`token ${tokenId} of ${known.person} was revoked already, on ${known.revokedAt}: nothing written`);
        return 0;
      }
      await recordRevocation(store, SERVER_MACHINE, tokenId, values.reason!.trim());
      io.err(`token ${tokenId} of ${known.person} (${known.role} of ${known.body}) revoked; every server on this store refuses it`);
      return 0;
    });
  },
};
