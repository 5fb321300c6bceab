import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/** How a test reaches the server over a real WebSocket, the token in connection_init as the contract says. */
export function subscriptionOptions(httpUrl: string, token: string | null): ClientOptions {
  return {
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  };
}

/** A graphql-ws client that connects at its first subscription. */
export function subscriptionClient(httpUrl: string, token: string | null): Client {
  return createClient(subscriptionOptions(httpUrl, token));
}

/** Collects the results of one subscription until `count` arrive or `timeoutMs` passes. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown>, count: number, timeoutMs = 5_000) {
  const results: T[] = [];
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<T[]>((resolve, reject) => {
    fail = reject;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`got ${results.length} of ${count} results in ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) {
            clearTimeout(timer);
            unsubscribe();
            reject(Object.assign(new Error(result.errors[0].message), { errors: result.errors }));
            return;
          }
          results.push(result.data as T);
          if (results.length === count) {
            clearTimeout(timer);
            unsubscribe();
            resolve(results);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- graphql-ws hands over the GraphQL errors array; specs assert on it
          reject(error);
        },
        complete: () => undefined,
      },
    );
  });
  return { results, done, fail };
}
