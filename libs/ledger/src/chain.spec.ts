import { encodeBase64 } from './base64';
import { chainFrom, chainLinkOf, chainMetadata, PREVIOUS_HASH } from './chain';
import type { JsonValue } from './canonical-json';
import { eventLeafHash } from './leaf';

const proposed = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  type: 'StepDecided',
  data: { step: n, effectiveDate: '2019-09-25' },
  metadata: { actor: 'cts-secretariat', schemaVersion: 1 } as Record<string, JsonValue>,
});
const stream = 'instrument-redeployment-plan-2019-2021';

describe('the hash chain of a stream', () => {
  it('starts at revision 0 with a null previousHash and links each event of a batch to the one before', () => {
    const [first, second, third] = chainMetadata(stream, undefined, [proposed(1), proposed(2), proposed(3)]);
    expect(first.metadata[PREVIOUS_HASH]).toBeNull();
    expect(second.metadata[PREVIOUS_HASH]).toBe(encodeBase64(eventLeafHash({ ...first, streamId: stream, revision: 0 })));
    expect(third.metadata[PREVIOUS_HASH]).toBe(encodeBase64(eventLeafHash({ ...second, streamId: stream, revision: 1 })));
  });

  it('continues from the last recorded event of the stream, whatever its revision', () => {
    const recorded = { ...chainMetadata(stream, undefined, [proposed(1)])[0], streamId: stream, revision: 7, position: '99' };
    const [next] = chainMetadata(stream, recorded, [proposed(2)]);
    expect(next.metadata[PREVIOUS_HASH]).toBe(chainLinkOf(recorded).hash);
  });

  it('gives the same links in one batch as in several appends, and reports where the stream ends', () => {
    const whole = chainFrom(stream, undefined, [proposed(1), proposed(2), proposed(3)]);
    const head = chainFrom(stream, undefined, [proposed(1)]);
    const tail = chainFrom(stream, head.last, [proposed(2), proposed(3)]);
    expect([...head.events, ...tail.events]).toEqual(whole.events);
    expect(tail.last).toEqual(whole.last);
    expect(whole.last?.revision).toBe(2);
  });

  it('leaves the proposed events untouched and keeps their other metadata', () => {
    const event = proposed(1);
    const [chained] = chainMetadata(stream, undefined, [event]);
    expect(event.metadata).not.toHaveProperty(PREVIOUS_HASH);
    expect(chained.metadata).toEqual({ ...event.metadata, previousHash: null });
  });

  it('links to the predecessor’s whole content: a change to it changes the link', () => {
    const [first] = chainMetadata(stream, undefined, [proposed(1)]);
    const at = (event: typeof first) => chainLinkOf({ ...event, streamId: stream, revision: 0 }).hash;
    expect(at({ ...first, data: { ...first.data, step: 2 } })).not.toBe(at(first));
    expect(at({ ...first, metadata: { ...first.metadata, previousHash: 'x' } })).not.toBe(at(first));
  });
});
