import { parseArgs } from 'node:util';
import { TokenService, grantProblem, parseTtl, signingSecret } from '@ddr/access';
import { UsageError, type CliCommand } from '../cli-command';
import { parseBody, parseRole } from '../codes';

export const token: CliCommand = {
  words: ['token'],
  usage:
    'token --body BODY --role SECRETARIAT|LIAISON|AUDITOR|OPERATOR [--subject NAME] [--ttl 8h]\n' +
    '                                   print a bearer token (last line) the server on this DATA_DIR accepts',
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
    const subject = values.subject ?? `${body.toLowerCase()}-${role.toLowerCase()}`;
    const ttlSeconds = (() => {
      try {
        return parseTtl(values.ttl);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const tokens = new TokenService(signingSecret(settings.dataDir, settings.jwtSecret));
    io.err(`token for ${subject}, ${role} of ${body}, valid ${values.ttl}:`);
    io.out(tokens.issue({ subject, body, role, ttlSeconds }));
    return 0;
  },
};
