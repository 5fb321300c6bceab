import type { CommandClaim, EventToAppend, ExpectedRevision } from './event-store.port';
import { InvalidAppendError } from './errors';
import { jsonProblem } from '@ddr/kernel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STREAM_ID_LENGTH = 500;

/** Checks an append request before any adapter touches storage, so bad input writes nothing. */
export function validateAppend(streamId: unknown, events: unknown, expectedRevision: unknown): void {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidAppendError('stream id must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH || streamId.startsWith('$')) {
    throw new InvalidAppendError(`stream id must be at most ${MAX_STREAM_ID_LENGTH} characters and not start with $`);
  }
  assertExpectedRevision(expectedRevision);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError('an append needs at least one event');
  }
  const ids = new Set<string>();
  events.forEach((event: Partial<EventToAppend>, index) => {
    const at = `event ${index}`;
    if (typeof event !== 'object' || event === null) throw new InvalidAppendError(`${at} is not an object`);
    if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidAppendError(`${at}: id must be a UUID`);
    if (ids.has(event.id.toLowerCase())) throw new InvalidAppendError(`${at}: id ${event.id} appears twice`);
    ids.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || event.type.trim() === '' || event.type.startsWith('$')) {
      throw new InvalidAppendError(`${at}: type must be a non-empty string not starting with $`);
    }
    for (const part of ['data', 'metadata'] as const) {
      const value = event[part];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidAppendError(`${at}: ${part} must be a JSON object`);
      }
      const problem = jsonProblem(value, part);
      if (problem) throw new InvalidAppendError(`${at}: ${problem}`);
    }
  });
}

export function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision {
  if (value === 'any' || value === 'no_stream' || value === 'stream_exists') return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  throw new InvalidAppendError(`expected revision must be 'any', 'no_stream', 'stream_exists' or a non-negative integer, got ${String(value)}`);
}

/** A claim names a command id, a stream and a digest (or null); anything else is refused before storage. */
export function validateClaim(claim: CommandClaim): void {
  const { commandId, streamId, digest } = claim as Partial<Record<keyof CommandClaim, unknown>>;
  if (typeof commandId !== 'string' || commandId.trim() === '' || commandId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidAppendError(`a claim's command id must be a non-empty string of at most ${MAX_STREAM_ID_LENGTH} characters`);
  }
  if (typeof streamId !== 'string' || streamId.trim() === '') throw new InvalidAppendError(`a claim names the stream its act decides on`);
  if (digest !== null && typeof digest !== 'string') throw new InvalidAppendError(`a claim's digest is a string or null`);
}
