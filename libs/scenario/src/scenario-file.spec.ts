import { parseScenario, ScenarioError, stepInput } from './scenario-file';

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

  it("give each step's note, date precision and assumption to its command as the act's source", () => {
    const scenario = parseScenario(
      valid.replace(
        '    command: proposeInstrument',
        '    command: proposeInstrument\n    note: The brief gives only the month.\n    datePrecision: MONTH\n    assumption: true',
      ),
    );
    expect(stepInput(scenario, scenario.steps[0])).toEqual({
      instrumentId: 'p',
      effectiveDate: '2019-09-25',
      sourceNote: 'The brief gives only the month.',
      datePrecision: 'MONTH',
      assumption: true,
      commandId: 'small.plan-proposed',
    });
    expect(stepInput(parseScenario(valid), parseScenario(valid).steps[0])).toEqual({
      instrumentId: 'p',
      effectiveDate: '2019-09-25',
      commandId: 'small.plan-proposed',
    });
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
    [
      'a date precision that is none',
      valid.replace('    command: proposeInstrument', '    command: proposeInstrument\n    datePrecision: WEEK'),
      /datePrecision must be one of/,
    ],
    [
      'an assumption that is not true or false',
      valid.replace('    command: proposeInstrument', '    command: proposeInstrument\n    assumption: maybe'),
      /assumption must be/,
    ],
  ])('refuse %s before any command runs', (_, text, message) => {
    expect(() => parseScenario(text)).toThrow(ScenarioError);
    expect(() => parseScenario(text)).toThrow(message);
  });
});
