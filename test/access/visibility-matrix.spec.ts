import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SqliteEventStore } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { COORDINATING_BODIES, type Body, type Role } from '@ddr/kernel';
import { startTestServer, type GraphqlAnswer, type RunningServer } from '../support/server';
import { subscriptionClient } from '../support/subscriptions';

/**
 * Need to know, as a property over generated histories: for every viewer (each coordinating body's secretariat,
 * liaison officers of an outside body and of the CTS, an auditor, an operator) every query, list, count, roll-up,
 * subscription and export answers exactly what the auditor's answer holds that the viewer may read, by the rule
 * written here again from the brief's words (docs/decisions.md): a public instrument is read by every body, one
 * restricted to its pathway by its lead and the bodies on its pathway, one kept to its lead by its lead alone; a
 * commitment or condition tied to instruments by the bodies that may read each restricted one, and by its own
 * body. A hidden instrument answers as a missing one, and every read of a restricted item is in the access log.
 */
interface Viewer {
  body: Body;
  role: Role;
}
const VIEWERS: Viewer[] = [
  ...COORDINATING_BODIES.map((body): Viewer => ({ body, role: 'SECRETARIAT' })),
  { body: 'MINUSMA', role: 'LIAISON' },
  { body: 'CTS', role: 'LIAISON' },
  { body: 'CNDDR', role: 'AUDITOR' },
  { body: 'MOC', role: 'OPERATOR' },
];
const seesEverything = (viewer: Viewer) => viewer.role === 'AUDITOR' || viewer.role === 'OPERATOR';

interface InstrumentRow {
  id: string;
  leadBody: Body;
  visibility: 'PUBLIC' | 'PATHWAY' | 'LEAD';
  pathway: Array<{ body: Body }>;
}
interface TiedRow {
  id: string;
  body: Body;
  dueAfter: { instrumentId: string } | null;
}
interface Truth {
  instruments: Map<string, InstrumentRow>;
  commitments: Map<string, TiedRow & { instrumentId: string | null }>;
  conditions: Map<string, TiedRow & { requires: Array<{ instrumentId: string | null }> }>;
}

/** The rule, from the brief's words: who may read an instrument (null: every body). */
function readersOfInstrument(instrument: InstrumentRow | undefined): Body[] | null {
  if (!instrument || instrument.visibility === 'PUBLIC') return null;
  if (instrument.visibility === 'LEAD') return [instrument.leadBody];
  return [instrument.leadBody, ...instrument.pathway.map((step) => step.body)];
}

/** Who may read a stream's item: instruments by their visibility, what hangs off them by theirs, anything else by everyone. */
function readersOfStream(truth: Truth, streamId: string): Body[] | null {
  const [kind, ...rest] = streamId.split('-');
  const id = rest.join('-');
  if (kind === 'instrument') return readersOfInstrument(truth.instruments.get(id));
  const item = kind === 'commitment' ? truth.commitments.get(id) : kind === 'condition' ? truth.conditions.get(id) : undefined;
  if (!item) return null;
  const tied = [
    ...('instrumentId' in item ? [item.instrumentId] : []),
    ...('requires' in item ? item.requires.map((r) => r.instrumentId) : []),
    item.dueAfter?.instrumentId ?? null,
  ].flatMap((instrumentId) => (instrumentId ? [readersOfInstrument(truth.instruments.get(instrumentId))] : []));
  const restricted = tied.filter((readers): readers is Body[] => readers !== null);
  if (restricted.length === 0) return null;
  return [item.body, ...restricted.reduce((all, readers) => all.filter((body) => readers.includes(body)))];
}

const mayRead = (truth: Truth, viewer: Viewer, streamId: string) => {
  if (seesEverything(viewer)) return true;
  const readers = readersOfStream(truth, streamId);
  return readers === null || readers.includes(viewer.body);
};

const sorted = (items: string[]) => [...items].sort();
const AUDIT_STREAMS = ['access-log', 'accounts'];
/** A page of a list: every list query below asks for one after `$after`, a hundred at most. */
const PAGE = 'first: 100, after: $after';
const CONNECTION = 'totalCount pageInfo { hasNextPage endCursor } edges { node';
const INSTRUMENTS = `query($after: String) { list: instruments(${PAGE}) { ${CONNECTION} { id leadBody visibility pathway { body } awaitingSteps { body } } } } }`;
const COMMITMENTS = `query($after: String) { list: commitmentsPage(${PAGE}) { ${CONNECTION} { id body instrumentId dueAfter { instrumentId } } } } }`;
const CONDITIONS = `query($after: String) { list: conditionsPage(${PAGE}) { ${CONNECTION} { id body requires { instrumentId } dueAfter { instrumentId } } } } }`;
const GRADED = `query($after: String) { list: gradedItems(${PAGE}) { ${CONNECTION} { kind id } } } }`;
/** Each body's queues now, and as of a date (read from the steps' waits then, not from the queues' indexes). */
const QUEUES = ['awaiting', 'waitingOnOthers', 'decisions', 'awaiting asOf', 'waitingOnOthers asOf'] as const;
const queue = (code: Body, field: (typeof QUEUES)[number]) =>
  `query($after: String) { body(code: ${code}${field.endsWith('asOf') ? ', asOf: "2021-06-30"' : ''}) { list: ${field.split(' ')[0]}(${PAGE}) { ${CONNECTION} { ${field === 'decisions' ? 'id: instrumentId' : 'id'} } } } } }`;
const DELAYS = `{ delays { byBody(first: 100) { edges { node { body stillWaiting oldestInstrumentId } } } } }`;
const ROLLUP = `{ gradeRollup(by: BODY) { key items } }`;
const EVENTS = `subscription($body: Body!) { events(body: $body) { streamId revision } }`;
type Connection<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: T }> };
type Listed<T> = { nodes: T[]; totalCount: number };

/** The whole timeline, page by page. */
async function timelineOf(server: RunningServer, token: string): Promise<string[]> {
  const streams: string[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { timeline: { entries: Array<{ streamId: string }>; hasNextPage: boolean; endCursor: string | null } };
    const answer: GraphqlAnswer<Page> = await server.graphql<Page>(
      `query($after: String) { timeline(from: "1900-01-01", to: "2999-12-31", first: 500, after: $after) { entries { streamId } hasNextPage endCursor } }`,
      { after },
      token,
    );
    streams.push(...answer.data!.timeline.entries.map((entry) => entry.streamId));
    if (!answer.data!.timeline.hasNextPage) return streams;
    after = answer.data!.timeline.endCursor;
  }
}

/** The rows of a CSV export, header left out. */
async function exportRows(server: RunningServer, token: string, path: string): Promise<number> {
  const response = await fetch(`${server.url}/exports/${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.text()).trim().split('\n').length - 1;
}

/** The last act of the test: a public proposal whose pathway names every coordinating body, so it concerns each. */
const MARKER = 'instrument-marker';

/** What a body's events subscription delivers from the start of the log up to the marker, which every subscription gets last. */
function delivered(server: RunningServer, token: string, body: Body): Promise<string[]> {
  const client = subscriptionClient(server.url, token);
  const events: string[] = [];
  return new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no marker for ${body} after ${events.length} events`)), 120_000);
    const stop = client.subscribe<{ events: { streamId: string; revision: number } }>(
      { query: EVENTS, variables: { body } },
      {
        next: ({ data }) => {
          if (data!.events.streamId !== MARKER) return void events.push(`${data!.events.streamId}@${data!.events.revision}`);
          clearTimeout(timer);
          stop();
          // The access log grows while the test reads (restricted reads): it is the auditors' alone, checked apart.
          resolve(events.filter((event) => !event.startsWith('access-log@')));
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => undefined,
      },
    );
  }).finally(() => client.dispose());
}

/** A whole list, page by page, and the count its first page gave. */
async function listAll<T>(server: RunningServer, query: string, token: string): Promise<Listed<T>> {
  const found: T[] = [];
  let totalCount = -1;
  for (let after: string | null = null; ;) {
    const data: { list?: Connection<T>; body?: { list: Connection<T> } } = await ask(server, query, token, { after });
    const list = data.list ?? data.body!.list;
    if (totalCount < 0) totalCount = list.totalCount;
    found.push(...list.edges.map((edge) => edge.node));
    if (!list.pageInfo.hasNextPage) return { nodes: found, totalCount };
    after = list.pageInfo.endCursor;
  }
}

/** An answer's data, or the test fails with the errors it got. */
async function ask<T>(server: RunningServer, query: string, token: string, variables?: object): Promise<T> {
  const answer = await server.graphql<T>(query, variables, token);
  if (!answer.data) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

async function checkHistory(seed: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-visibility-'));
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const append of generateHistory({ seed, commands: 260, confidential: true })) await store.append(append.streamId, append.events);
  await store.close();
  const server = await startTestServer({ DATA_DIR: dataDir });
  try {
    const auditor = server.token('CSA', 'AUDITOR');
    const head = (await server.graphql<{ logHead: { position: string } }>('{ logHead { position } }', undefined, auditor)).data!.logHead.position;
    await server.graphql(`query($p: String) { instruments(first: 1, minPosition: $p) { totalCount } }`, { p: head }, auditor);

    // What there is, as the auditor (who reads everything) is told.
    const all = await listAll<InstrumentRow & { awaitingSteps: Array<{ body: Body }> }>(server, INSTRUMENTS, auditor);
    const commitments = await listAll<TiedRow & { instrumentId: string | null }>(server, COMMITMENTS, auditor);
    const conditions = await listAll<TiedRow & { requires: Array<{ instrumentId: string | null }> }>(server, CONDITIONS, auditor);
    const truth: Truth = {
      instruments: new Map(all.nodes.map((i) => [i.id, i])),
      commitments: new Map(commitments.nodes.map((c) => [c.id, c])),
      conditions: new Map(conditions.nodes.map((c) => [c.id, c])),
    };
    // The generated history restricts some instruments both ways, and ties conditions to some of them.
    expect(new Set(all.nodes.map((i) => i.visibility))).toEqual(new Set(['PUBLIC', 'PATHWAY', 'LEAD']));
    const queuesAsAuditor = new Map<string, string[]>();
    for (const code of COORDINATING_BODIES) {
      for (const field of QUEUES)
        queuesAsAuditor.set(
          `${code} ${field}`,
          (await listAll<{ id: string }>(server, queue(code, field), auditor)).nodes.map((n) => n.id),
        );
    }
    const timelineAsAuditor = await timelineOf(server, auditor);
    const itemsAsAuditor = await listAll<{ kind: string; id: string }>(server, GRADED, auditor);
    const missing = await server.graphql('{ instrument(id: "never-proposed") { id } }', undefined, auditor);

    for (const viewer of VIEWERS) {
      const token = server.token(viewer.body, viewer.role);
      const readable = (streamId: string) => mayRead(truth, viewer, streamId);
      const readableInstrument = (id: string) => readable(`instrument-${id}`);
      /** A list and its count as the viewer reads them: the auditor's, less what the viewer may not read. */
      const expectList = async (query: string, expected: string[]) => {
        const list = await listAll<{ id: string }>(server, query, token);
        expect(sorted(list.nodes.map((node) => node.id))).toEqual(sorted(expected));
        expect(list.totalCount).toBe(expected.length);
      };

      const expectedInstruments = [...truth.instruments.keys()].filter(readableInstrument);
      await expectList(INSTRUMENTS, expectedInstruments);
      const expectedCommitments = [...truth.commitments.keys()].filter((id) => readable(`commitment-${id}`));
      await expectList(COMMITMENTS, expectedCommitments);
      const expectedConditions = [...truth.conditions.keys()].filter((id) => readable(`condition-${id}`));
      await expectList(CONDITIONS, expectedConditions);

      // One instrument: a hidden one answers exactly as one never proposed.
      for (const id of truth.instruments.keys()) {
        const one = await server.graphql<{ instrument: { id: string } | null }>(`{ instrument(id: "${id}") { id } }`, undefined, token);
        if (readableInstrument(id)) expect(one.data!.instrument).toEqual({ id });
        else expect({ data: one.data, errors: one.errors }).toEqual({ data: missing.data, errors: missing.errors });
        // In time too: as of a date, and as known at an instant (when it was not yet restricted, if it ever was not).
        for (const clock of [`asOf: "2030-01-01"`, `knownAt: "${new Date().toISOString()}"`]) {
          const then = await server.graphql<{ instrument: { id: string } | null }>(`{ instrument(id: "${id}", ${clock}) { id } }`, undefined, token);
          if (!readableInstrument(id)) expect({ data: then.data, errors: then.errors }).toEqual({ data: missing.data, errors: missing.errors });
          else expect(then.data!.instrument?.id ?? id).toBe(id);
        }
      }

      // Every body's queues and decisions, as this viewer reads them.
      for (const code of COORDINATING_BODIES) {
        for (const field of QUEUES) await expectList(queue(code, field), queuesAsAuditor.get(`${code} ${field}`)!.filter(readableInstrument));
      }

      // The timeline: every event on a stream the viewer may read, and none other; the access log (which grows as
      // the test reads) and people's tokens are the auditors' and operators' alone.
      const timeline = await timelineOf(server, token);
      const acts = (streams: string[]) => sorted(streams.filter((streamId) => !AUDIT_STREAMS.includes(streamId)));
      expect(acts(timeline)).toEqual(acts(timelineAsAuditor.filter(readable)));
      if (!seesEverything(viewer)) expect(timeline.filter((streamId) => AUDIT_STREAMS.includes(streamId))).toEqual([]);

      // Roll-ups count only what the viewer may read: delays' open waits, grades' items.
      type Delays = { delays: { byBody: { edges: Array<{ node: { stillWaiting: number; oldestInstrumentId: string | null } }> } } };
      const delays = (await ask<Delays>(server, DELAYS, token)).delays.byBody.edges.map((edge) => edge.node);
      const waiting = all.nodes.filter((i) => readableInstrument(i.id)).reduce((n, i) => n + i.awaitingSteps.length, 0);
      expect(delays.reduce((n, row) => n + row.stillWaiting, 0)).toBe(waiting);
      for (const row of delays) if (row.oldestInstrumentId) expect(readableInstrument(row.oldestInstrumentId)).toBe(true);
      const items = itemsAsAuditor.nodes.filter((item) => readable(`${item.kind.toLowerCase()}-${item.id}`));
      expect((await listAll(server, GRADED, token)).totalCount).toBe(items.length);
      const rollup = (await ask<{ gradeRollup: Array<{ items: number }> }>(server, ROLLUP, token)).gradeRollup;
      expect(rollup.reduce((n, group) => n + group.items, 0)).toBe(items.filter((item) => item.kind !== 'PROVISION').length);

      // Exports are the same lists.
      expect(await exportRows(server, token, 'commitments.csv')).toBe(expectedCommitments.length);
      expect(await exportRows(server, token, 'conditions.csv')).toBe(expectedConditions.length);
      const own = viewer.role === 'SECRETARIAT' ? viewer.body : 'CTS';
      expect(await exportRows(server, token, `awaiting.csv?body=${own}`)).toBe(queuesAsAuditor.get(`${own} awaiting`)!.filter(readableInstrument).length);

      // A secretariat acting on an instrument it may not read is refused exactly as on one that does not exist.
      const hidden = [...truth.instruments.keys()].find((id) => !readableInstrument(id));
      if (viewer.role === 'SECRETARIAT' && hidden) {
        const act = (instrumentId: string) =>
          server.graphql(
            `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { revision } }`,
            { input: { instrumentId, milestone: 'a milestone', effectiveDate: '2019-10-09' } },
            token,
          );
        const onHidden = await act(hidden);
        const onMissing = await act('never-proposed');
        expect(onHidden.errors?.map((e) => [e.extensions?.code, e.message.replace(hidden, '?')])).toEqual(
          onMissing.errors?.map((e) => [e.extensions?.code, e.message.replace('never-proposed', '?')]),
        );
      }
    }

    // The events subscription, every viewer at once: the auditor's delivery for the same body, less what the viewer may not read.
    const bodyOf = (viewer: Viewer): Body => (viewer.role === 'SECRETARIAT' ? viewer.body : 'CTS');
    const followed = [...new Set(VIEWERS.map(bodyOf))];
    const following = Promise.all([
      Promise.all(VIEWERS.map((viewer) => delivered(server, server.token(viewer.body, viewer.role), bodyOf(viewer)))),
      Promise.all(followed.map((body) => delivered(server, auditor, body))),
    ]);
    const marker = await server.graphql(
      `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { revision } }`,
      {
        input: {
          instrumentId: MARKER.slice('instrument-'.length),
          kind: 'PLAN',
          title: 'the end of the test',
          leadBody: 'CTS',
          pathway: COORDINATING_BODIES.map((body) => ({ body, action: 'REVIEW' })),
          effectiveDate: '2019-10-01',
        },
      },
      server.token('CTS', 'SECRETARIAT'),
    );
    expect(marker.errors).toBeUndefined();
    const [deliveries, references] = await following;
    for (const [i, viewer] of VIEWERS.entries()) {
      const reference = references[followed.indexOf(bodyOf(viewer))];
      expect(sorted(deliveries[i])).toEqual(sorted(reference.filter((event) => mayRead(truth, viewer, event.split('@')[0]))));
    }

    // Every read of a restricted instrument is in the access log, whoever read it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const reads: Array<{ subject: string; operation: string; streams: string[] }> = [];
    for (let from = 0; ;) {
      const page = (await server.graphql(`{ accessLog(fromRevision: ${from}, first: 500) { events { type data } hasMore next } }`, undefined, auditor)).data!
        .accessLog as { events: Array<{ type: string; data: { subject: string; operation: string; streams: string[] } }>; hasMore: boolean; next: string };
      reads.push(...page.events.filter((e) => e.type === 'RestrictedRead').map((e) => e.data));
      if (!page.hasMore) break;
      from = Number(page.next);
    }
    for (const viewer of VIEWERS) {
      const subject = `${viewer.body.toLowerCase()}-${viewer.role.toLowerCase()}`;
      const restricted = [...truth.instruments.values()].filter((i) => i.visibility !== 'PUBLIC' && mayRead(truth, viewer, `instrument-${i.id}`));
      const logged = new Set(reads.filter((r) => r.subject === subject && r.operation === 'Query.instruments').flatMap((r) => r.streams));
      expect(sorted([...logged])).toEqual(sorted(restricted.map((i) => `instrument-${i.id}`)));
    }
  } finally {
    await server.close();
  }
}

describe('who may read what (need to know)', () => {
  it('answers every viewer exactly what it may read, counts included, over generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), (seed) => checkHistory(seed)),
      { numRuns: 3, endOnFailure: true },
    );
  }, 600_000);
});
