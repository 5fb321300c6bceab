import { instrumentStream } from '@ddr/coordination';
import type { RecordedEvent } from '@ddr/event-store';
import { BODIES, sourceOf, Upcasters } from '@ddr/kernel';
import { instrumentsProjection } from '../instruments/instruments.projection';
import { findInstrument } from '../instruments/instruments.queries';
import { openReadModel } from '../open-read-model';
import { Projector } from '../projector';
import { statement } from '../statements';
import { visibilityProjection } from './visibility.projection';
import { EVERYTHING, type Viewer } from './viewer';
import { mayReadStream, restrictedAmong, streamVisible } from './visible';

let position = 0;
const revisions = new Map<string, number>();
const event = (instrumentId: string, type: string, data: object): RecordedEvent => {
  const revision = revisions.get(instrumentId) ?? 0;
  revisions.set(instrumentId, revision + 1);
  return {
    id: `event-${++position}`,
    type,
    data: { instrumentId, effectiveDate: '2016-03-01', source: sourceOf(null), ...data },
    metadata: {},
    streamId: instrumentStream(instrumentId),
    revision,
    position: String(position),
    committedAt: '2016-03-01T12:00:00.000Z',
  };
};
// The CTS leads a plan that the CSA then reviews.
const proposed = (id: string, visibility: string) =>
  event(id, 'InstrumentProposed', {
    kind: 'PLAN',
    title: id,
    leadBody: 'CTS',
    visibility,
    pathway: [{ body: 'CSA', action: 'REVIEW', parallel: false }],
  });
const madeVisible = (id: string, visibility: string) => event(id, 'InstrumentVisibilityChanged', { visibility, reason: 'a test' });

describe('who may read a stream, as the server answers it from memory between batches', () => {
  const projections = [instrumentsProjection, visibilityProjection];
  const db = openReadModel(':memory:', projections);
  const projector = new Projector(db, projections, new Upcasters(), (a, b) => Number(a) - Number(b));
  const viewers: Viewer[] = [EVERYTHING, { body: null, everything: false }, ...BODIES.map((body) => ({ body, everything: false }))];
  const streams = ['public', 'lead', 'pathway', 'unknown'].map(instrumentStream).concat('access-log', 'accounts');
  const byTheRule = (viewer: Viewer, stream: string) =>
    viewer.everything || statement<[{ stream: string }], { ok: number }>(db, `SELECT ${streamVisible(viewer, '@stream')} AS ok`).get({ stream })!.ok === 1;
  afterAll(() => db.close());

  it('answers as the rule in SQL for every viewer and stream, public, restricted or unknown', () => {
    projector.apply([proposed('public', 'PUBLIC'), proposed('lead', 'LEAD'), proposed('pathway', 'PATHWAY')]);
    for (const viewer of viewers) {
      for (const stream of streams) expect([viewer.body, stream, mayReadStream(db, viewer, stream)]).toEqual([viewer.body, stream, byTheRule(viewer, stream)]);
    }
    expect(restrictedAmong(db, streams)).toEqual([instrumentStream('lead'), instrumentStream('pathway')]);
  });

  it('lets go of what it remembered when the projector applies the next batch: a plan made public is readable at once', () => {
    const csa: Viewer = { body: 'CSA', everything: false };
    expect(mayReadStream(db, csa, instrumentStream('lead'))).toBe(false);
    expect(findInstrument(db, 'lead')?.visibility).toBe('LEAD');
    projector.apply([madeVisible('lead', 'PUBLIC')]);
    expect(mayReadStream(db, csa, instrumentStream('lead'))).toBe(true);
    expect(restrictedAmong(db, [instrumentStream('lead')])).toEqual([]);
    expect(findInstrument(db, 'lead')?.visibility).toBe('PUBLIC');
  });

  it('gives readers a view that none of them can change for the next', () => {
    const view = findInstrument(db, 'pathway')!;
    expect(() => ((view as { title: string }).title = 'changed')).toThrow(TypeError);
    expect(() => ((view.pathway[0] as { body: string }).body = 'FAMA')).toThrow(TypeError);
    expect(findInstrument(db, 'pathway')?.pathway[0].body).toBe('CSA');
  });
});
