import { createHash, randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ddr/event-store';
import { emptyTreeRoot, eventLeafHash, leafContent, leafData, leafHash, nodeHash } from './leaf';

const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function recorded(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    streamId: 'instrument-decree-ranks-2019',
    revision: 0,
    id: '6f1c1f9e-8f43-4f0e-9d55-2d0c7c5e1a01',
    type: 'InstrumentProposed',
    data: { instrumentId: 'decree-ranks-2019', kind: 'DECREE', effectiveDate: '2019-10-09' },
    metadata: { actor: 'cnddr-secretariat', schemaVersion: 1 },
    position: '17',
    committedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('leaf encoding', () => {
  it('is the canonical JSON of the position-independent content of a RecordedEvent', () => {
    expect(Buffer.from(leafData(recorded())).toString('utf8')).toBe(
      '{"data":{"effectiveDate":"2019-10-09","instrumentId":"decree-ranks-2019","kind":"DECREE"},' +
        '"id":"6f1c1f9e-8f43-4f0e-9d55-2d0c7c5e1a01",' +
        '"metadata":{"actor":"cnddr-secretariat","schemaVersion":1},' +
        '"revision":0,"stream":"instrument-decree-ranks-2019","type":"InstrumentProposed"}',
    );
  });

  it('leaves out the global position and commit time, so a store migration keeps the leaves', () => {
    const original = recorded();
    const migrated = recorded({ position: '4294967296:4294967296', committedAt: '2030-05-05T12:00:00.000Z' });
    expect(hex(eventLeafHash(migrated))).toBe(hex(eventLeafHash(original)));
    expect(Object.keys(leafContent(original)).sort()).toEqual(['data', 'id', 'metadata', 'revision', 'stream', 'type']);
  });

  it('hashes the event in one call exactly as leafHash(leafData(event)) does, non-ASCII text included', () => {
    const event = recorded({ data: { title: 'Décret – grades 😀', quote: '"\\\n' } });
    expect(hex(eventLeafHash(event))).toBe(hex(leafHash(leafData(event))));
  });

  it.each<[string, Partial<RecordedEvent>]>([
    ['stream', { streamId: 'instrument-other' }],
    ['revision', { revision: 1 }],
    ['id', { id: randomUUID() }],
    ['type', { type: 'StepDecided' }],
    ['data', { data: { instrumentId: 'decree-ranks-2019', kind: 'PLAN', effectiveDate: '2019-10-09' } }],
    ['metadata', { metadata: { actor: 'cts-secretariat', schemaVersion: 1 } }],
  ])('changes when the %s changes', (_, change) => {
    expect(hex(eventLeafHash(recorded(change)))).not.toBe(hex(eventLeafHash(recorded())));
  });
});

describe('RFC 9162 hashing', () => {
  it('hashes a leaf as SHA-256(0x00 || data)', () => {
    // The RFC 6962 empty-leaf hash, which the test vectors also use.
    expect(hex(leafHash(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const data = Buffer.from('{"a":1}');
    expect(hex(leafHash(data))).toBe(hex(sha256(Buffer.of(0), data)));
  });

  it('hashes a node as SHA-256(0x01 || left || right)', () => {
    const left = leafHash(Buffer.from('left'));
    const right = leafHash(Buffer.from('right'));
    expect(hex(nodeHash(left, right))).toBe(hex(sha256(Buffer.of(1), left, right)));
    expect(hex(nodeHash(left, right))).not.toBe(hex(nodeHash(right, left)));
  });

  it('keeps leaves and nodes apart: a node is never the leaf hash of its children concatenated', () => {
    const left = leafHash(Buffer.from('a'));
    const right = leafHash(Buffer.from('b'));
    expect(hex(nodeHash(left, right))).not.toBe(hex(leafHash(Buffer.concat([left, right]))));
  });

  it('roots the empty tree at SHA-256 of the empty string, a fresh copy each time', () => {
    expect(hex(emptyTreeRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    emptyTreeRoot().fill(0);
    expect(hex(emptyTreeRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
