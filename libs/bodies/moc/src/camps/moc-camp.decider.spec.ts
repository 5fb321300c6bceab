import { sourceOf } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import type { EstablishMocCamp, RecordJointPatrol } from './moc-camp.commands';
import { mocCampDecider } from './moc-camp.decider';
import type { MocCampEstablished } from './moc-camp.events';

const gao: MocCampEstablished = { type: 'MocCampEstablished', data: { camp: 'GAO', effectiveDate: '2017-01-15', source: sourceOf('Brief, footnote 1') } };
const establish = (fields: Partial<EstablishMocCamp>): EstablishMocCamp => ({
  type: 'EstablishMocCamp',
  by: 'MOC',
  camp: 'GAO',
  effectiveDate: '2017-01-15',
  source: sourceOf('Brief, footnote 1'),
  ...fields,
});

describe('MOC camps', () => {
  it('given none, when the MOC records Gao in January 2017, then the Gao camp is established', () => {
    given(mocCampDecider).when(establish({})).then([gao]);
  });

  it('Timbuktu and Kidal follow in May 2018; a camp is established once', () => {
    given(mocCampDecider, [gao])
      .when(establish({ camp: 'KIDAL', effectiveDate: '2018-05-15' }))
      .then([{ type: 'MocCampEstablished', data: { camp: 'KIDAL', effectiveDate: '2018-05-15', source: sourceOf('Brief, footnote 1') } }]);
    given(mocCampDecider, [gao])
      .when(establish({ effectiveDate: '2018-01-01' }))
      .rejects('CONFLICT', /2017-01-15/);
  });

  describe('joint patrols around the camps, its one task while cantonment waits', () => {
    const patrol = (fields: Partial<RecordJointPatrol>): RecordJointPatrol => ({
      type: 'RecordJointPatrol',
      by: 'MOC',
      camp: 'GAO',
      patrols: 2,
      effectiveDate: '2017-02-01',
      source: sourceOf('MOC Gao report'),
      ...fields,
    });

    it('given the Gao camp, when the MOC records two patrols around it, then they are recorded with their day', () => {
      given(mocCampDecider, [gao])
        .when(patrol({}))
        .then([{ type: 'JointPatrolConducted', data: { camp: 'GAO', patrols: 2, effectiveDate: '2017-02-01', source: sourceOf('MOC Gao report') } }]);
    });

    it('a patrol uncounted is null, never 0', () => {
      given(mocCampDecider, [gao])
        .when(patrol({ patrols: null }))
        .then([expect.objectContaining({ data: expect.objectContaining({ patrols: null }) })]);
    });

    it('no patrol around a camp not yet established, nor before it stood', () => {
      given(mocCampDecider, [gao])
        .when(patrol({ camp: 'KIDAL' }))
        .rejects('BAD_USER_INPUT', /no MOC camp stood in KIDAL/);
      given(mocCampDecider, [gao])
        .when(patrol({ effectiveDate: '2016-12-31' }))
        .rejects('BAD_USER_INPUT', /established 2017-01-15/);
      given(mocCampDecider, [gao])
        .when(patrol({ patrols: 0 }))
        .rejects('BAD_USER_INPUT', /at least 1/);
    });
  });

  it('only the MOC records its camps', () => {
    given(mocCampDecider)
      .when(establish({ by: 'CTS' }))
      .rejects('FORBIDDEN');
  });
});
