import { parseArgs } from 'node:util';
import {
  ACCOUNTS_STREAM,
  DataDirKeys,
  SERVER_MACHINE,
  TokenRegister,
  TokenService,
  addSigningKey,
  grantProblem,
  listSigningKeys,
  parseTtl,
  recordIssue,
  recordRevocation,
  recordSubjectRevocation,
  retireSigningKey,
  signIssued,
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
    '                                   its issue and its id are recorded in the accounts stream; the ttl is at most\n' +
    '                                   TOKEN_MAX_TTL_HOURS (720, 30 days, by default)',
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
        return parseTtl(values.ttl, settings.tokenMaxTtlHours * 3600);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const signer = new TokenService(new DataDirKeys(settings.dataDir, settings.jwtSecret));
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
    'token revoke --id TOKEN_ID --reason TEXT | --subject NAME --reason TEXT\n' +
    '                                   revoke a token by its id, or every token of a subject issued until now (tokens\n' +
    '                                   issued to it later stay valid): recorded in the log, refused by every server on this store',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { id: { type: 'string' }, subject: { type: 'string' }, reason: { type: 'string' } } });
    if (!values.id === !values.subject?.trim() || !values.reason?.trim()) throw new UsageError('--id or --subject, and --reason, are required');
    const reason = values.reason.trim();
    return withStore(settings, async (store) => {
      if (values.subject) {
        await recordSubjectRevocation(store, SERVER_MACHINE, values.subject.trim(), reason);
        io.err(`every token of ${values.subject.trim()} issued until now revoked; every server on this store refuses them`);
        return 0;
      }
      const tokenId = values.id!;
      const register = new TokenRegister();
      for (const event of await store.readStream(ACCOUNTS_STREAM)) register.apply(event);
      const known = register.get(tokenId);
      if (!known) throw new Error(`no live token ${tokenId}: never issued, or expired`);
      if (known.revoked) {
        io.err(`token ${tokenId} of ${known.person} was revoked already, on ${known.revokedAt}: nothing written`);
        return 0;
      }
      await recordRevocation(store, SERVER_MACHINE, tokenId, reason);
      io.err(`token ${tokenId} of ${known.person} (${known.role} of ${known.body}) revoked; every server on this store refuses it`);
      return 0;
    });
  },
};

/** `ddr revoke ...`: the same as `ddr token revoke ...`, under the word an operator in a hurry types. */
export const revoke: CliCommand = { ...tokenRevoke, words: ['revoke'], usage: 'revoke ...                         the same as token revoke' };

export const tokenKeys: CliCommand = {
  words: ['token', 'key'],
  usage:
    'token key list | add | retire --kid KID\n' +
    '                                   the keys that sign tokens (keys/jwt-keys.json beside keys/jwt-secret, which is k0):\n' +
    '                                   add makes a new key current, the others still check their tokens until retired;\n' +
    '                                   a running server rereads the keys within a second',
  async run(args, settings, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { kid: { type: 'string' } } });
    // The first key exists (generated on first use) before any other is added.
    new DataDirKeys(settings.dataDir, settings.jwtSecret);
    const [action] = positionals;
    if (action === 'add') io.err(`token key ${addSigningKey(settings.dataDir)} added; it signs every token from now on`);
    else if (action === 'retire' && values.kid) {
      try {
        retireSigningKey(settings.dataDir, values.kid);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      io.err(`token key ${values.kid} retired: the tokens it signed are refused`);
    } else if (action !== 'list') throw new UsageError('token key takes list, add, or retire --kid KID');
    for (const key of listSigningKeys(settings.dataDir)) {
      io.out(`${key.kid}\t${key.current ? 'current' : key.retired ? 'retired' : 'checks'}\t${key.addedAt ?? 'first key'}`);
    }
    return 0;
  },
};
