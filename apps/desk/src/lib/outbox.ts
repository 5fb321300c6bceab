import { graphql, Unreachable, type ApiError } from './api';
import { signal } from './signal';

/** A recorded act on its way: the mutation, its input with the command id it was given when the form was filled. */
export interface PendingSend {
  commandId: string;
  mutation: string;
  input: Record<string, unknown>;
  queuedAt: string;
}

export type SendOutcome = { kind: 'recorded'; position: string; replayed: boolean } | { kind: 'refused'; errors: ApiError[] } | { kind: 'kept' };

const STORED = 'desk.outbox';
const RETRY_MS = 3_000;

function load(): PendingSend[] {
  try {
    return JSON.parse(localStorage.getItem(STORED) ?? '[]') as PendingSend[];
  } catch {
    return [];
  }
}

/** Sends not yet answered, kept on this device across reloads until the server answers them. */
export const pending = signal<PendingSend[]>(load());
/** What the last retry recorded or refused, for the page to say. */
export const settled = signal<Array<{ send: PendingSend; outcome: SendOutcome }>>([]);

function save(sends: PendingSend[]): void {
  localStorage.setItem(STORED, JSON.stringify(sends));
  pending.set(sends);
}

/** A UUID v4 (crypto.randomUUID needs a secure context; a desk on a plain-HTTP LAN address has none). */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function attempt(send: PendingSend): Promise<SendOutcome> {
  try {
    const answer = await graphql<Record<string, { position: string; replayed: boolean }>>(
      `mutation ($input: ${send.mutation[0].toUpperCase()}${send.mutation.slice(1)}Input!) { ${send.mutation}(input: $input) { position replayed } }`,
      { input: { ...send.input, commandId: send.commandId } },
    );
    const result = answer.data?.[send.mutation];
    if (result) return { kind: 'recorded', position: result.position, replayed: result.replayed };
    if (answer.errors.some((error) => error.code === 'STORE_UNAVAILABLE' || error.code === 'RATE_LIMITED')) return { kind: 'kept' };
    return { kind: 'refused', errors: answer.errors };
  } catch (error) {
    if (error instanceof Unreachable) return { kind: 'kept' };
    throw error;
  }
}

/**
 * Sends an act. It is kept on this device first, so that a send lost to a bad connection is retried when the
 * connection returns; the command id makes a retry of an act that did land append nothing new.
 */
export async function send(mutation: string, commandId: string, input: Record<string, unknown>): Promise<SendOutcome> {
  const entry: PendingSend = { commandId, mutation, input, queuedAt: new Date().toISOString() };
  save([...pending.get().filter((other) => other.commandId !== commandId), entry]);
  const outcome = await attempt(entry);
  if (outcome.kind !== 'kept') save(pending.get().filter((other) => other.commandId !== commandId));
  return outcome;
}

let retrying = false;

/** Tries every kept send again, oldest first; stops at the first that still cannot reach the server. */
export async function retryPending(): Promise<void> {
  if (retrying) return;
  retrying = true;
  try {
    for (const entry of pending.get()) {
      const outcome = await attempt(entry);
      if (outcome.kind === 'kept') break;
      save(pending.get().filter((other) => other.commandId !== entry.commandId));
      settled.set([...settled.get(), { send: entry, outcome }]);
    }
  } finally {
    retrying = false;
  }
}

/** Retries when the browser says the connection is back, and every few seconds while sends wait. */
export function startRetrying(): void {
  window.addEventListener('online', () => void retryPending());
  window.setInterval(() => {
    if (pending.get().length > 0) void retryPending();
  }, RETRY_MS);
}
