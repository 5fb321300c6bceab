import { parseArgs } from 'node:util';
import { keyFingerprint, LedgerInconsistentError, LedgerInputError, parsePublicKey, SignerMismatchError } from '@ddr/ledger/live';
import { UsageError, type CliCommand } from '../../cli-command';
import { withLedger } from './open-ledger';

const fingerprint = (pem: string) => keyFingerprint(parsePublicKey(pem));

export const ledgerKey: CliCommand = {
  words: ['ledger', 'key'],
  usage:
    'ledger key list | rotate --reason TEXT [--new-key FILE]\n' +
    '                                   the keys that signed this log’s checkpoints, each handed over by a rotation the\n' +
    '                                   key before signed; rotate records one (a new key made beside the current one, or\n' +
    '                                   FILE, which LEDGER_KEY_FILE requires), puts the new key in place and signs with it',
  async run(args, settings, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { reason: { type: 'string' }, 'new-key': { type: 'string' } } });
    const [action] = positionals;
    if (action !== 'list' && action !== 'rotate') throw new UsageError('ledger key takes list, or rotate --reason TEXT [--new-key FILE]');
    if (action === 'rotate' && !values.reason?.trim()) throw new UsageError('--reason is required: auditors read why the key changed');
    return withLedger(settings, async (ledger) => {
      if (action === 'rotate') {
        try {
          const { rotation, checkpoint } = await ledger.rotateKey(values.reason!, values['new-key']);
          io.err(
            `checkpoint key ${fingerprint(rotation.publicKey)} handed over to ${fingerprint(rotation.nextPublicKey)} at size ${rotation.rotation.size}, ` +
              `recorded at position ${rotation.position} and signed by the outgoing key`,
          );
          if (checkpoint) io.err(`the new key signed the checkpoint of size ${checkpoint.checkpoint.size} at position ${checkpoint.position}`);
          if (settings.ledgerKeyFile) io.err(`point LEDGER_KEY_FILE at ${values['new-key']} on every server that signs, then restart them`);
          io.err('publish the new public key (`ddr ledger public-key`); witnesses follow the rotation by themselves');
        } catch (error) {
          if (!(error instanceof LedgerInconsistentError || error instanceof SignerMismatchError || error instanceof LedgerInputError)) throw error;
          io.err(`REFUSED: ${error.message}`);
          io.err('No key rotation was recorded.');
          return 1;
        }
      }
      const rotations = await ledger.keyRotations();
      const first = rotations[0]?.publicKey ?? (await ledger.latestCheckpoint())?.publicKey ?? (await ledger.signingKey()).publicKeyPem;
      const current = (await ledger.signingKey()).publicKey;
      const keys = [
        { key: first, since: 'first key' },
        ...rotations.map((r) => ({ key: r.nextPublicKey, since: `size ${r.rotation.size}, ${r.recordedAt}: ${r.reason}` })),
      ];
      for (const { key, since } of keys) {
        io.out(`${fingerprint(key)}\t${parsePublicKey(key).equals(current) ? 'current' : 'retired'}\t${since}`);
      }
      return 0;
    });
  },
};
