import { instrumentDecider, instrumentStream, meetingStream } from '@ddr/coordination';
import { proposeInstrument, recordStepDecision, recordMeeting, makeCommitment } from '@ddr/coordination/desk';
import { programmeDecider, programmeStream, programmeTotals } from '@ddr/programmes';
import { completeTraining, integrateTranche, launchProgramme, registerTranche, screenTranche, startTraining } from '@ddr/programmes/desk';
import { DecisionRunner } from '@ddr/decision-runner';
import { openDesks } from '../support/desks';
import { ctsApproves, famaAdopts, plan } from '../support/redeployment-plan';

describe('the secretariats, through the command bus, on a real SQLite file', () => {
  let desks: Awaited<ReturnType<typeof openDesks>>;
  beforeEach(async () => {
    desks = await openDesks();
  });
  afterEach(() => desks.close());

  const head = () => desks.store.headPosition();
  const refusedWithNothingWritten = async (attempt: Promise<unknown>, code: string) => {
    const before = await head();
    await expect(attempt).rejects.toMatchObject({ code });
    expect(await head()).toBe(before);
  };
  const instrument = async () => (await desks.app.get(DecisionRunner).load(instrumentDecider, instrumentStream(plan.instrumentId))).state.state!;

  it('runs the redeployment plan to CTS-41 and leaves it awaiting the SCDS, establishing the meeting', async () => {
    await desks.send(proposeInstrument, plan, 'CTS');
    await desks.send(recordStepDecision, famaAdopts, 'CTS');
    const outcome = await desks.send(recordStepDecision, ctsApproves, 'CTS');
    expect(outcome).toMatchObject({ streamId: 'instrument-redeployment-plan-2019-2021', revision: 2 });
    expect(outcome.position).toBe(await head());
    expect((await instrument()).pathway.map((s) => s.status)).toEqual(['APPROVED', 'APPROVED', 'PENDING']);
    const [meeting] = await desks.store.readStream(meetingStream('CTS'));
    expect(meeting.data).toMatchObject({ meeting: 'CTS-41', effectiveDate: '2019-09-25', establishedBy: 'CITATION' });
    expect(meeting.metadata).toMatchObject({ body: 'CTS', role: 'SECRETARIAT', effectiveDate: '2019-09-25' });
  });

  it('refuses a body deciding a step that is not its own, or out of order, and appends nothing', async () => {
    await desks.send(proposeInstrument, plan, 'CTS');
    await refusedWithNothingWritten(
      desks.send(recordStepDecision, { ...ctsApproves, body: 'SCDS', action: 'FINAL_ADOPTION', meeting: 'SCDS-5' }, 'SCDS'),
      'CONFLICT',
    );
    await refusedWithNothingWritten(desks.send(recordStepDecision, ctsApproves, 'CTS'), 'CONFLICT');
    await refusedWithNothingWritten(desks.send(recordStepDecision, famaAdopts, 'SCDS'), 'FORBIDDEN');
    await desks.send(recordStepDecision, famaAdopts, 'CTS');
    await refusedWithNothingWritten(desks.send(recordStepDecision, ctsApproves, 'SCDS'), 'FORBIDDEN');
    expect(await desks.store.readStream(meetingStream('CTS'))).toEqual([]);
  });

  it('refuses a citation of CTS-41 on another date, writing neither the meeting nor the decision', async () => {
    await desks.send(recordMeeting, { body: 'CTS', number: 41, effectiveDate: '2019-09-25', title: '41st meeting' }, 'CTS');
    await desks.send(proposeInstrument, plan, 'CTS');
    await desks.send(recordStepDecision, famaAdopts, 'CTS');
    await refusedWithNothingWritten(desks.send(recordStepDecision, { ...ctsApproves, effectiveDate: '2019-09-26' }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(recordMeeting, { body: 'CTS', number: 41, effectiveDate: '2019-10-30', title: null }, 'CTS'), 'CONFLICT');
  });

  it("records an act's source as given, its date known to the month and marked an assumption, and refuses a precision that is none", async () => {
    const source = { sourceRef: 'Brief, footnote 2', sourceNote: 'No draft date in the brief', datePrecision: 'MONTH', assumption: true };
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, ...source, datePrecision: 'WEEK' }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, ...source, assumption: 'perhaps' }, 'CTS'), 'BAD_USER_INPUT');
    await desks.send(proposeInstrument, { ...plan, ...source }, 'CTS');
    expect((await instrument()).source).toEqual({ ref: 'Brief, footnote 2', note: 'No draft date in the brief', datePrecision: 'MONTH', assumption: true });
    await desks.send(recordStepDecision, famaAdopts, 'CTS');
    expect((await instrument()).pathway[0].source).toEqual({ ref: famaAdopts.sourceRef, note: null, datePrecision: 'DAY', assumption: false });
  });

  it('refuses readers, other desks, bad input and impossible dates before reading any stream', async () => {
    await refusedWithNothingWritten(desks.send(proposeInstrument, plan, 'CTS', 'LIAISON'), 'FORBIDDEN');
    await refusedWithNothingWritten(desks.send(proposeInstrument, plan, 'CTS', 'AUDITOR'), 'FORBIDDEN');
    await refusedWithNothingWritten(
      desks.send(launchProgramme, { programme: 'ADDR-I', title: 't', target: 1, targetDeserters: 0, effectiveDate: '2018-11-06' }, 'CTS'),
      'FORBIDDEN',
    );
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, effectiveDate: '2019-02-30' }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, effectiveDate: '2999-01-01' }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, pathway: [] }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, instrumentId: 'has spaces' }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, surprise: 1 }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(desks.send(proposeInstrument, { ...plan, pathway: [{ body: 'NOWHERE', action: 'ADOPT' }] }, 'CTS'), 'BAD_USER_INPUT');
    await refusedWithNothingWritten(
      desks.send(makeCommitment, { commitmentId: 'c1', body: 'CNDDR', description: 'x', dueDate: '2018-04-31', effectiveDate: '2018-03-01' }, 'CNDDR'),
      'BAD_USER_INPUT',
    );
    expect(await head()).toBeUndefined();
  });

  it('a retried command id appends nothing new and answers the same position', async () => {
    const first = await desks.send(proposeInstrument, { ...plan, commandId: 'cts-2019-09-01-plan' }, 'CTS');
    const again = await desks.send(proposeInstrument, { ...plan, commandId: 'cts-2019-09-01-plan' }, 'CTS');
    expect(again).toEqual({ ...first, replayed: true });
    expect(await desks.store.readStream(instrumentStream(plan.instrumentId))).toHaveLength(1);
  });

  it('a command id reused for another act (the SCDS rejecting after it approved) is a CONFLICT, and nothing is recorded', async () => {
    await desks.send(proposeInstrument, plan, 'CTS');
    await desks.send(recordStepDecision, famaAdopts, 'CTS');
    await desks.send(recordStepDecision, ctsApproves, 'CTS');
    const approves = { ...ctsApproves, body: 'SCDS', action: 'FINAL_ADOPTION', meeting: null, effectiveDate: '2019-12-10', commandId: 'scds-2019-12-10-1' };
    await desks.send(recordStepDecision, approves, 'SCDS');
    const rejects = desks.send(recordStepDecision, { ...approves, outcome: 'REJECTED' }, 'SCDS');
    await refusedWithNothingWritten(rejects, 'CONFLICT');
    await expect(desks.send(recordStepDecision, { ...approves, outcome: 'REJECTED' }, 'SCDS')).rejects.toThrow(
      /scds-2019-12-10-1 was first used for another act \(StepDecided at revision 3/,
    );
    // The same act sent again after a lost answer is still a quiet retry.
    await expect(desks.send(recordStepDecision, approves, 'SCDS')).resolves.toMatchObject({ replayed: true });
  });

  it('a stale expectedRevision is a CONFLICT', async () => {
    await desks.send(proposeInstrument, plan, 'CTS');
    await refusedWithNothingWritten(desks.send(recordStepDecision, { ...famaAdopts, expectedRevision: 5 }, 'CTS'), 'CONFLICT');
    await expect(desks.send(recordStepDecision, { ...famaAdopts, expectedRevision: 0 }, 'CTS')).resolves.toMatchObject({ revision: 1 });
  });

  it('reaches the ADDR-I figures of 2 September 2019 through tranche commands, and refuses what breaks a count', async () => {
    const tranche = { programme: 'ADDR-I', tranche: 'T1', effectiveDate: '2019-01-15' };
    await desks.send(
      launchProgramme,
      { programme: 'ADDR-I', title: 'Accelerated DDR-Integration', target: 4900, targetDeserters: 900, effectiveDate: '2018-11-06' },
      'CNDDR',
    );
    await desks.send(registerTranche, { ...tranche, count: 1840 }, 'CNDDR');
    await desks.send(screenTranche, { ...tranche, fit: 1840, unfit: 0 }, 'CNDDR');
    await desks.send(startTraining, { ...tranche, centre: 'Tiby', count: 1840 }, 'CNDDR');
    await desks.send(completeTraining, { ...tranche, centre: 'Tiby', count: 1006, effectiveDate: '2019-08-30' }, 'CNDDR');
    await refusedWithNothingWritten(
      desks.send(integrateTranche, { ...tranche, count: 1007, effectiveDate: '2019-09-02' }, 'INTEGRATION_COMMISSION'),
      'BAD_USER_INPUT',
    );
    await refusedWithNothingWritten(desks.send(integrateTranche, { ...tranche, count: 1006, effectiveDate: '2019-09-02' }, 'CNDDR'), 'FORBIDDEN');
    await refusedWithNothingWritten(desks.send(screenTranche, { ...tranche, fit: -1, unfit: 0 }, 'CNDDR'), 'BAD_USER_INPUT');
    await desks.send(integrateTranche, { ...tranche, count: 1006, effectiveDate: '2019-09-02' }, 'INTEGRATION_COMMISSION');
    const { state } = await desks.app.get(DecisionRunner).load(programmeDecider, programmeStream('ADDR-I'));
    expect(programmeTotals(state.state!)).toMatchObject({ registered: 1840, trained: 1006, integrated: 1006 });
  });
});
