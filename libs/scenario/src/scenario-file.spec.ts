import { parseScenario, ScenarioError } from './scenario-file';

const valid = `
name: small
title: A small scenario
source: a test
steps:
  - id: plan-proposed
    as: CTS
    command: proposeInstrument
    input: { instrumentId: p, effectiveDate: 2019-09-25 }
`;

describe('scenario files', () => {
  it('read YAML, keeping dates as strings', () => {
    const scenario = parseScenario(valid);
    expect(scenario.steps[0]).toMatchObject({ id: 'plan-proposed', as: 'CTS', input: { effectiveDate: '2019-09-25' } });
  });

  it('read JSON too', () => {
    expect(parseScenario(JSON.stringify(parseScenario(valid))).name).toBe('small');
  });

  it.each([
    ['not a mapping', '- 1\n- 2', /mapping/],
    ['no steps', 'name: x\ntitle: t\nsource: s\nsteps: []', /steps/],
    ['a bad name', valid.replace('name: small', 'name: Small Scenario'), /lower-case/],
    ['an outside actor as recorder', valid.replace('as: CTS', 'as: PRESIDENCY'), /secretariat/],
    ['a step id used twice', `${valid}  - id: plan-proposed\n    as: CTS\n    command: x\n    input: {}\n`, /used twice/],
    ['a step without input', valid.replace('    input: { instrumentId: p, effectiveDate: 2019-09-25 }', ''), /input/],
    ['broken YAML', 'name: [unclosed', /not YAML/],
  ])('refuse %s before any command runs', (_, text, message) => {
    expect(() => parseScenario(text)).toThrow(ScenarioError);
    expect(() => parseScenario(text)).toThrow(message);
  });
});
