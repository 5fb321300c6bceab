import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { now, percentile } from './harness';

const PROBE_QUERY = `query Probe($id: ID!, $minPosition: String) { instrument(id: $id, minPosition: $minPosition) { revision } }`;

export interface ReadYourWrites {
  /** Milliseconds from a mutation's answer to the answer of a query given its position. */
  lags: number[];
  p50: number;
  p99: number;
  /** Probes whose query failed or answered an older revision than the mutation's. */
  failures: number;
}

/**
 * While a load runs, one client at a time records a milestone on its own instrument and at once reads it back
 * with `minPosition`: how long a client that reads its own write waits for the read model under that load.
 */
export async function probeReadYourWrites(url: string, token: string, instrumentId: string, seconds: number): Promise<ReadYourWrites> {
  const post = async (query: string, variables: object) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return (await response.json()) as { data?: Record<string, { revision: number; position?: string } | null> };
  };
  const lags: number[] = [];
  let failures = 0;
  const deadline = now() + seconds * 1000;
  for (let n = 0; now() < deadline; n++) {
    const input = { instrumentId, effectiveDate: '2020-01-02', milestone: `probe ${n}`, count: n % 500, place: 'Kidal' };
    try {
      const written = (await post(`mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { revision position } }`, { input })).data
        ?.recordMilestone;
      if (!written) throw new Error('the mutation failed');
      const answered = now();
      const read = (await post(PROBE_QUERY, { id: instrumentId, minPosition: written.position })).data?.instrument;
      if (!read || read.revision < written.revision) throw new Error('the query did not read the write');
      lags.push(now() - answered);
    } catch {
      // A refusal, an older answer or a request over 10 s: counted, and the next probe goes on.
      failures++;
    }
  }
  return { lags, p50: percentile(lags, 50), p99: percentile(lags, 99), failures };
}

interface ProbeRequest {
  probe: { url: string; token: string; instrumentId: string; seconds: number };
}

/**
 * `probeReadYourWrites` in a thread of its own: beside autocannon in the bench's thread, a probe's answer waited
 * for autocannon's own work (a first probe of 0.95 s at every load's start, the whole p99), not for the server.
 */
export function probeReadYourWritesApart(url: string, token: string, instrumentId: string, seconds: number): Promise<ReadYourWrites> {
  const probe: ProbeRequest = { probe: { url, token, instrumentId, seconds } };
  const worker = new Worker(__filename, { workerData: probe });
  return new Promise<ReadYourWrites>((resolve, reject) => {
    worker.once('message', (result: ReadYourWrites) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the read-your-write probe exited with ${code} before it answered`)));
  });
}

if (!isMainThread && (workerData as Partial<ProbeRequest> | null)?.probe) {
  const { url, token, instrumentId, seconds } = (workerData as ProbeRequest).probe;
  void probeReadYourWrites(url, token, instrumentId, seconds).then((result) => parentPort!.postMessage(result));
}
