import autocannon from 'autocannon';

export const CONNECTIONS = 50;

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  graphqlErrors: number;
  firstError?: string;
}

/** One bounded autocannon run (time-bounded; 50 connections) against `url`/graphql, bodies made per request. */
export async function load(url: string, token: string, body: (n: number) => string, seconds: number): Promise<LoadResult> {
  let n = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (request) => ({ ...request, body: body(n++) }),
        onResponse: (status, text) => {
          if (status !== 200 || text.includes('"errors"')) {
            graphqlErrors++;
            firstError ??= `${status} ${text.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    graphqlErrors,
    firstError,
  };
}
