import { domainUpcasters } from './upcasters';

/** Events stored before sources keep their bytes; readers see them in today's shape. */
describe('events written before sources', () => {
  const upcasters = domainUpcasters();
  const stored = (type: string, data: Record<string, unknown>) => ({ type, data: data as never, metadata: { schemaVersion: 1 } });

  it('a step decided with a sourceRef reads as a source citing it, to the day, not an assumption', () => {
    const data = upcasters.upcast(
      stored('StepDecided', { instrumentId: 'decree-ranks-2019', step: 0, body: 'COUNCIL_OF_MINISTERS', sourceRef: 'Brief', effectiveDate: '2019-10-09' }),
    );
    expect(data).toEqual({
      instrumentId: 'decree-ranks-2019',
      step: 0,
      body: 'COUNCIL_OF_MINISTERS',
      effectiveDate: '2019-10-09',
      source: { ref: 'Brief', note: null, datePrecision: 'DAY', assumption: false },
    });
  });

  it('an event that had no source reads as citing none; fields added beside it get what version 1 meant', () => {
    expect(upcasters.upcast(stored('InstrumentAdopted', { instrumentId: 'x', effectiveDate: '2019-10-09' }))).toMatchObject({ source: { ref: null } });
    expect(upcasters.upcast(stored('ConditionSet', { conditionId: 'c', sourceRef: null, effectiveDate: '2019-10-09' }))).toMatchObject({
      recommendation: false,
      source: { ref: null },
    });
    expect(upcasters.upcast(stored('ProgrammeLaunched', { programme: 'ADDR-I', sourceRef: 'Brief', effectiveDate: '2018-11-01' }))).toMatchObject({
      supportedBy: [],
    });
  });

  it('an instrument proposed before visibility existed reads as public; one proposed since keeps its own', () => {
    const proposal = { instrumentId: 'x', leadBody: 'SCDS', effectiveDate: '2019-06-01' };
    expect(upcasters.upcast({ ...stored('InstrumentProposed', proposal), metadata: { schemaVersion: 2 } })).toMatchObject({ visibility: 'PUBLIC' });
    expect(upcasters.upcast(stored('InstrumentProposed', proposal))).toMatchObject({ visibility: 'PUBLIC', source: { ref: null } });
    const restricted = { ...proposal, visibility: 'LEAD' };
    expect(upcasters.upcast({ ...stored('InstrumentProposed', restricted), metadata: { schemaVersion: 3 } })).toEqual(restricted);
  });

  it('an event already in the current shape is left as it is', () => {
    const source = { ref: 'Brief', note: 'November 2018', datePrecision: 'MONTH', assumption: false };
    const data = { programme: 'ADDR-I', supportedBy: ['MINUSMA'], source, effectiveDate: '2018-11-01' };
    expect(upcasters.upcast(stored('ProgrammeLaunched', data))).toEqual(data);
    expect(upcasters.upcast({ ...stored('ProgrammeLaunched', data), metadata: { schemaVersion: 2 } })).toEqual(data);
  });

  it('a commitment made or a condition set before themes reads with the theme its words name', () => {
    const v2 = (type: string, data: Record<string, unknown>) => ({ ...stored(type, data), metadata: { schemaVersion: 2 } });
    expect(upcasters.upcast(v2('CommitmentMade', { commitmentId: 'c', description: 'Establish a start date for the cantonment process' }))).toMatchObject({
      theme: 'CANTONMENT',
    });
    expect(upcasters.upcast(v2('ConditionSet', { conditionId: 'c', title: 'Assistance to DDR', subject: 'progress in security sector reform' }))).toMatchObject(
      {
        theme: 'SECURITY_SECTOR_REFORM',
      },
    );
    expect(upcasters.upcast(stored('CommitmentMade', { commitmentId: 'c', description: 'Close the registration', sourceRef: null }))).toMatchObject({
      theme: 'DDR',
      source: { ref: null },
    });
    expect(upcasters.upcast(v2('CommitmentMade', { commitmentId: 'c', description: 'cantonment', theme: 'MOC' }))).toMatchObject({ theme: 'MOC' });
    expect(upcasters.currentVersion('CommitmentMade')).toBe(3);
  });

  it('a tranche act written before breakdowns reads as broken down by nothing, and is written as version 3 now', () => {
    const data = { programme: 'ADDR-I', tranche: 'T1', count: 1006, source: { ref: 'Brief' }, effectiveDate: '2019-09-02' };
    expect(upcasters.upcast({ ...stored('TrancheIntegrated', data), metadata: { schemaVersion: 2 } })).toEqual({ ...data, breakdown: {} });
    expect(upcasters.upcast(stored('TrancheIntegrated', { ...data, source: undefined, sourceRef: 'Brief' }))).toMatchObject({
      breakdown: {},
      source: { ref: 'Brief' },
    });
    expect(upcasters.currentVersion('TrancheIntegrated')).toBe(3);
  });

  it('new events of those types are written as version 2', () => {
    expect(upcasters.currentVersion('StepDecided')).toBe(2);
    expect(upcasters.currentVersion('FindingRecorded')).toBe(1);
  });
});
