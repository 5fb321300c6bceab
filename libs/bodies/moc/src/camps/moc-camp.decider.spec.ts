import { sourceOf } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import type { EstablishMocCamp } from './moc-camp.commands';
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

  it('only the MOC records its camps', () => {
    given(mocCampDecider)
      .when(establish({ by: 'CTS' }))
      .rejects('FORBIDDEN');
  });
});
