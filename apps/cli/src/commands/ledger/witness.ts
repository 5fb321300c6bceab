import { parseArgs } from 'node:util';
import { openEventStore } from '@ddr/event-store';
import { BODIES } from '@ddr/kernel';
import { decodeBase64, encodeBase64 } from '@ddr/ledger';
import { Ledger, loadOrCreateSigningKey, readWitnessState, WitnessRefusalError, witnessRound, writeWitnessState, type WitnessSource } from '@ddr/ledger/live';
import type { Settings } from '@ddr/settings';
import { UsageError, type CliCommand } from '../../cli-command';
import { parseBody } from '../../codes';
import { graphqlSource } from './graphql-source';

export const ledgerWitness: CliCommand = {
  words: ['ledger', 'witness'],
  usage:
    'ledger witness --body BODY --key FILE --state FILE [--url URL --token TOKEN]\n' +
    '                                   co-sign the latest checkpoint as BODY, only if it extends the last one this\n' +
    '                                   witness signed (key generated when FILE is missing); over GraphQL with --url\n' +
    '                                   and an AUDITOR token of BODY, else on this DATA_DIR',
  async run(args, settings, io) {
    const { values } = parseArgs({
      args,
      options: { body: { type: 'string' }, key: { type: 'string' }, state: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' } },
    });
    const { key: keyFile, state: stateFile, url, token } = values;
    if (!values.body || !keyFile || !stateFile) throw new UsageError('--body, --key and --state are required');
    const body = parseBody(values.body);
    if ((url === undefined) !== (token === undefined)) throw new UsageError('--url and --token go together');
    const key = loadOrCreateSigningKey(keyFile);
    const state = readWitnessState(stateFile);
    const { source, close } = url && token ? { source: graphqlSource(url, token, body), close: async () => undefined } : localSource(settings);
    try {
      const outcome = await witnessRound(source, { body, key, state, now: new Date() });
      if (outcome.status === 'unchanged') {
        io.err(`${body} already co-signed the latest checkpoint (size ${outcome.checkpoint.size}); nothing to do`);
      } else {
        writeWitnessState(stateFile, outcome.state);
        const rotated = outcome.rotationsFollowed
          ? `, through ${outcome.rotationsFollowed} key rotation(s) each signed by the key trusted before (the new key pinned in the state file)`
          : '';
        const since =
          outcome.previousSize === null ? 'its first checkpoint (operator key pinned in the state file)' : `it extends size ${outcome.previousSize}${rotated}`;
        io.err(`${body} co-signed the checkpoint of size ${outcome.checkpoint.size}: ${since}`);
      }
      io.out(JSON.stringify({ body, status: outcome.status, size: outcome.checkpoint.size, root: encodeBase64(outcome.checkpoint.root) }));
      return 0;
    } catch (error) {
      if (!(error instanceof WitnessRefusalError)) throw error;
      io.err(`REFUSED: ${error.message}`);
      io.err('This witness signs nothing more until the operator explains: keep its state file as evidence.');
      return 1;
    } finally {
      await close();
    }
  },
};

/** The witness on the operator's machine: the same DATA_DIR, no server needed. */
function localSource(settings: Settings): { source: WitnessSource; close: () => Promise<void> } {
  const store = openEventStore(settings);
  const ledger = new Ledger(store, settings, { witnesses: BODIES });
  const source: WitnessSource = {
    async latestCheckpoint() {
      const latest = await ledger.latestCheckpoint();
      return latest && { checkpoint: latest.checkpoint, publicKey: latest.publicKey };
    },
    async consistencyProof(size1, size2) {
      return ((await ledger.consistencyProof(size1, size2)).proof ?? []).map((hash) => decodeBase64(hash)!);
    },
    async submit(body, cosignature) {
      await ledger.cosign(body, cosignature);
    },
    keyRotations: (fromSize) => ledger.keyRotations(fromSize),
  };
  return { source, close: async () => (await ledger.close(), await store.close()) };
}
