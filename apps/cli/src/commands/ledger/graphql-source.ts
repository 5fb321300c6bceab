import type { Body } from '@ddr/kernel';
import { decodeBase64, encodeBase64, type SignedCheckpoint } from '@ddr/ledger';
import { parsePublicKey, type CosignatureSubmission, type KeyRotationStatement, type WitnessSource } from '@ddr/ledger/live';
import { UsageError } from '../../cli-command';

type GraphqlError = { message: string; extensions?: { code?: string } };

/** The API's GraphQL endpoint, given as the server's address (`http://host:3000`) or the endpoint itself. */
function graphqlEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');
  return base.endsWith('/graphql') ? base : `${base}/graphql`;
}

/** What a refusal means for the person at the keyboard: above all, which token the server wants. */
function explain(url: string, body: Body, error: GraphqlError): string {
  const code = error.extensions?.code ?? 'ERROR';
  const wanted = `an AUDITOR token of ${body}: \`npm run ddr -- token --body ${body} --role AUDITOR\` on the server's DATA_DIR`;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return `${url} refused the token (${code}: ${error.message}); pass ${wanted}`;
  return `${url} answered ${code}: ${error.message}`;
}

/** The witness elsewhere: the server's GraphQL API, with an AUDITOR token of the witnessing body. */
export function graphqlSource(url: string, token: string, body: Body): WitnessSource {
  const endpoint = graphqlEndpoint(url);
  const call = async <T>(query: string, variables: object = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      // fetch says only "fetch failed"; the cause holds ECONNREFUSED, ENOTFOUND and the like.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach ${endpoint}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, { cause: error });
    }
    let answer: { data?: T | null; errors?: GraphqlError[] };
    try {
      answer = (await response.json()) as typeof answer;
    } catch {
      throw new Error(`${endpoint} answered HTTP ${response.status}, not GraphQL: is it the API's address?`);
    }
    if (answer.errors?.length) throw new Error(explain(endpoint, body, answer.errors[0]));
    if (!answer.data) throw new Error(`${endpoint} answered HTTP ${response.status} without data: is it the API's address?`);
    return answer.data;
  };
  const bytes = (text: string) => {
    const decoded = decodeBase64(text);
    if (!decoded) throw new Error(`${endpoint} answered a hash that is not base64`);
    return decoded;
  };
  return {
    async latestCheckpoint() {
      type Latest = { origin: string; size: number; root: string; signature: string; publicKey: string } | null;
      const { ledgerIntegrity } = await call<{ ledgerIntegrity: { latestCheckpoint: Latest } }>(
        '{ ledgerIntegrity { latestCheckpoint { origin size root signature publicKey } } }',
      );
      const latest = ledgerIntegrity.latestCheckpoint;
      if (!latest) return undefined;
      const checkpoint: SignedCheckpoint = { origin: latest.origin, size: latest.size, root: bytes(latest.root), signature: bytes(latest.signature) };
      return { checkpoint, publicKey: latest.publicKey };
    },
    async consistencyProof(size1, size2) {
      const { consistencyProof } = await call<{ consistencyProof: { proof: string[] } }>(
        'query ($size1: Int!, $size2: Int!) { consistencyProof(size1: $size1, size2: $size2) { proof } }',
        { size1, size2 },
      );
      return consistencyProof.proof.map(bytes);
    },
    async keyRotations(fromSize) {
      type Rotation = { origin: string; size: number; root: string; signature: string; publicKey: string; nextPublicKey: string; position: string };
      const rotations: KeyRotationStatement[] = [];
      // A page at a time; each page starts past the last rotation's size (two rotations never share a size).
      for (let from = fromSize; ;) {
        const { ledgerKeyRotations: page } = await call<{ ledgerKeyRotations: Rotation[] }>(
          'query ($from: Int!) { ledgerKeyRotations(fromSize: $from, first: 100) { origin size root signature publicKey nextPublicKey position } }',
          { from },
        );
        for (const { origin, size, root, signature, publicKey, nextPublicKey, position } of page) {
          const rotation = { origin, size, root: bytes(root), signature: bytes(signature), nextKey: parsePublicKey(nextPublicKey) };
          rotations.push({ rotation, publicKey, nextPublicKey, position });
        }
        if (page.length < 100) return rotations;
        from = page.at(-1)!.size + 1;
      }
    },
    async submit(witness, { checkpoint, publicKey }: CosignatureSubmission) {
      const { cosignCheckpoint } = await call<{ cosignCheckpoint: { body: string } }>(
        'mutation ($input: CosignCheckpointInput!) { cosignCheckpoint(input: $input) { body } }',
        {
          input: {
            origin: checkpoint.origin,
            size: checkpoint.size,
            root: encodeBase64(checkpoint.root),
            signature: encodeBase64(checkpoint.signature),
            publicKey,
          },
        },
      );
      // The server records the co-signature under the token's body.
      if (cosignCheckpoint.body !== witness)
        throw new UsageError(`the token is ${cosignCheckpoint.body}'s, not ${witness}'s: the co-signature was recorded for ${cosignCheckpoint.body}`);
    },
  };
}
