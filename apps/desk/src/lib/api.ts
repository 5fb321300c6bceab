import { createClient, type Client } from 'graphql-ws';
import { session, signOut } from './session';

/** A refusal as the API gives it: its code (`extensions.code`) and, for invalid input, what is wrong. */
export interface ApiError {
  code: string;
  message: string;
  problems: string[];
}

export interface Answer<T> {
  data: T | null;
  errors: ApiError[];
  /** The read model's position the answer was read at (`extensions.readModel.position`). */
  position: string | null;
}

/** The send never reached the server or got no answer: the network, not the API, said no. */
export class Unreachable extends Error {}

interface RawAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: string[] } }>;
  extensions?: { readModel?: { position?: string | null } };
}

/** One GraphQL request to this origin's /graphql with the signed-in token. */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
  const token = session.get()?.token;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (cause) {
    throw new Unreachable(String(cause));
  }
  if (response.status >= 502) throw new Unreachable(`HTTP ${response.status}`);
  const raw = (await response.json()) as RawAnswer<T>;
  const errors = (raw.errors ?? []).map((error) => ({
    code: error.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    message: error.message,
    problems: error.extensions?.problems ?? [],
  }));
  // A revoked or expired token: the person signs in again rather than reading refusals.
  if (errors.some((error) => error.code === 'UNAUTHENTICATED')) signOut();
  return { data: raw.data ?? null, errors, position: raw.extensions?.readModel?.position ?? null };
}

let subscriptions: Client | undefined;

/** The `events` subscription over graphql-ws on this origin, the token in `connection_init`. */
export function followEvents(body: string, afterPosition: string | null, onEvent: (position: string) => void): () => void {
  subscriptions ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => ({ authorization: `Bearer ${session.get()?.token ?? ''}` }),
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  let last = afterPosition;
  return subscriptions.subscribe<{ events: { position: string } }>(
    { query: 'subscription ($body: Body!, $after: String) { events(body: $body, afterPosition: $after) { position } }', variables: { body, after: last } },
    {
      next: (message) => {
        const position = message.data?.events.position;
        if (position) {
          last = position;
          onEvent(position);
        }
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
}
