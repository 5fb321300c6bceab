import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFICATION_KINDS, newWebhookSecret, webhookHeaders, webhookPayload, Watch, type Notice } from '@ddr/notifications';
import { ROOT } from '../support/built';

const doc = readFileSync(join(ROOT, 'docs/notifications.md'), 'utf8');
const block = (tag: string) => {
  const match = new RegExp('```' + tag + '\\n([\\s\\S]*?)\\n```').exec(doc);
  if (!match) throw new Error(`docs/notifications.md has no ${tag} block`);
  return match[1];
};

describe('docs/notifications.md', () => {
  it('verifies a signature with its few lines of Node, and refuses a forged one', () => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the doc's own code, run as a reader would paste it
    const verify = new Function('require', `${block('js verify-webhook')}\nreturn verify;`)(require) as (s: string, h: object, b: string) => boolean;
    const secret = newWebhookSecret();
    const body = '{"type":"step.awaited","data":{"body":"SCDS"}}';
    const headers = webhookHeaders([secret], 'msg_doc', Math.floor(Date.now() / 1000), body);
    expect(verify(secret, headers, body)).toBe(true);
    expect(verify(secret, headers, body.replace('SCDS', 'CTS'))).toBe(false);
    expect(verify(newWebhookSecret(), headers, body)).toBe(false);
    const stale = webhookHeaders([secret], 'msg_doc', Math.floor(Date.now() / 1000) - 3_600, body);
    expect(verify(secret, stale, body)).toBe(false);
  });

  it('has a schema for every kind, whose required fields every payload of that kind carries', () => {
    const schemas = JSON.parse(block('json payload-schemas')) as Record<string, { required: string[] }>;
    expect(Object.keys(schemas).sort()).toEqual(['common', ...Object.values(NOTIFICATION_KINDS)].sort());
    const watch = new Watch(['CTS']);
    const notices: Notice[] = [
      ...watch.tell({
        id: 'e1',
        type: 'InstrumentProposed',
        streamId: 'instrument-p',
        position: '1',
        effectiveDate: '2019-09-01',
        data: { instrumentId: 'p', kind: 'PLAN', title: 'P', leadBody: 'CTS', sourceRef: null, pathway: [{ body: 'CTS', action: 'APPROVE', parallel: false }] },
      }),
      ...watch.tell({
        id: 'e2',
        type: 'ConditionSet',
        streamId: 'condition-c',
        position: '2',
        effectiveDate: '2019-09-02',
        data: {
          conditionId: 'c',
          body: 'CTS',
          title: 'C',
          subject: 'p',
          sourceRef: null,
          requires: [{ kind: 'INSTRUMENT_STEP_APPROVED', instrumentId: 'p', body: 'CTS', action: 'APPROVE' }],
        },
      }),
      ...watch.tell({
        id: 'e3',
        type: 'StepDecided',
        streamId: 'instrument-p',
        position: '3',
        effectiveDate: '2019-09-03',
        data: { instrumentId: 'p', step: 0, body: 'CTS', action: 'APPROVE', outcome: 'APPROVED', meeting: null, sourceRef: null },
      }),
      ...watch.tell({
        id: 'e4',
        type: 'CommitmentMade',
        streamId: 'commitment-k',
        position: '4',
        effectiveDate: '2019-09-04',
        data: { commitmentId: 'k', body: 'MOC', description: 'K', dueDate: '2019-10-01', instrumentId: null, recordedBy: 'CTS', sourceRef: null },
      }),
      ...watch.tell({
        id: 'e7',
        type: 'InstrumentProposed',
        streamId: 'instrument-q',
        position: '7',
        effectiveDate: '2019-09-04',
        data: {
          instrumentId: 'q',
          kind: 'PLAN',
          title: 'Q',
          leadBody: 'CTS',
          pathway: [{ body: 'CTS', action: 'APPROVE', parallel: false, dueDate: '2019-10-01' }],
        },
      }),
      ...watch.tell({
        id: 'e10',
        type: 'ConditionSet',
        streamId: 'condition-d',
        position: '10',
        effectiveDate: '2019-09-04',
        data: {
          conditionId: 'd',
          body: 'CTS',
          title: 'D',
          subject: 'k',
          sourceRef: null,
          requires: [{ kind: 'COMMITMENT_FULFILLED', commitmentId: 'k' }],
          dueDate: '2019-10-01',
        },
      }),
      ...watch.deadlines('2019-09-28', 7),
      ...watch.deadlines('2019-10-02', 7),
      ...watch.tell({
        id: 'e5',
        type: 'CheckpointSigned',
        streamId: 'ledger-checkpoints',
        position: '5',
        effectiveDate: '2019-09-05',
        data: { origin: 'o', size: 5, root: 'cg==' },
      }),
      ...watch.tell({
        id: 'e6',
        type: 'ActCorrected',
        streamId: 'commitment-k',
        position: '6',
        effectiveDate: '2019-09-03',
        recordedBy: 'CTS',
        data: { commitmentId: 'k', revision: 0, reason: 'R', changes: { effectiveDate: '2019-09-03' }, previous: { effectiveDate: '2019-09-04' } },
      }),
      ...(['COMMITMENT', 'CONDITION'] as const).flatMap((item, i) =>
        watch.tell({
          id: `e${8 + i}`,
          type: 'ImplementationGraded',
          streamId: `grades-${item.toLowerCase()}-${item === 'COMMITMENT' ? 'k' : 'c'}`,
          position: String(8 + i),
          effectiveDate: '2019-09-10',
          data: { item, itemId: item === 'COMMITMENT' ? 'k' : 'c', assessor: 'CSA', grade: 2, finding: 'F', source: { ref: 'R' } },
        }),
      ),
    ];
    const told = new Set<string>();
    for (const notice of notices) {
      const payload = webhookPayload(notice, '2026-11-30T00:00:00.000Z') as { type: string; data: Record<string, unknown> };
      told.add(payload.type);
      for (const field of [...schemas.common.required, ...schemas[payload.type].required])
        expect({ type: payload.type, field, present: field in payload.data }).toEqual({ type: payload.type, field, present: true });
    }
    expect([...told].sort()).toEqual(Object.values(NOTIFICATION_KINDS).sort());
  });
});
