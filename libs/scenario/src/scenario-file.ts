import { parse } from 'yaml';
import { DATE_PRECISIONS, isCoordinatingBody, type CoordinatingBody, type DatePrecision } from '@ddr/kernel';

/** One recorded act: which secretariat records it, the command (by its GraphQL mutation name) and its input. */
export interface ScenarioStep {
  /** Stable within the file: the command id is `<scenario>.<step id>`, so loading twice records nothing new. */
  id: string;
  as: CoordinatingBody;
  command: string;
  input: Record<string, unknown>;
  /** Why a date, figure or actor is what it is, where the source is not exact: recorded as the act's source note. */
  note?: string;
  /** How exactly the effective date is known (DAY by default): "November 2018" is 2018-11-01 with MONTH. */
  datePrecision?: DatePrecision;
  /** The act (its date, figure or actor) is inferred, not read in the source: recorded as such, never only said in a comment. */
  assumption?: boolean;
}

export interface Scenario {
  name: string;
  title: string;
  source: string;
  steps: ScenarioStep[];
}

/** The file is not a scenario; nothing was loaded. */
export class ScenarioError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

const NAME = /^[a-z0-9][a-z0-9-]{0,60}$/;

/** Reads a scenario written as YAML or JSON, checking its shape before any command runs. */
export function parseScenario(text: string): Scenario {
  let document: unknown;
  try {
    // YAML 1.2's core schema: 2019-10-09 stays a string, as the commands expect.
    document = parse(text, { schema: 'core' });
  } catch (error) {
    throw new ScenarioError(`not YAML or JSON: ${(error as Error).message}`);
  }
  const file = document as Partial<Scenario> | null;
  if (!file || typeof file !== 'object' || Array.isArray(file)) throw new ScenarioError('a scenario is a mapping with name, title, source and steps');
  for (const field of ['name', 'title', 'source'] as const) {
    if (typeof file[field] !== 'string' || file[field].trim() === '') throw new ScenarioError(`the scenario needs a ${field}`);
  }
  if (!NAME.test(file.name!)) throw new ScenarioError(`scenario name ${file.name} must be lower-case letters, digits and dashes`);
  if (!Array.isArray(file.steps) || file.steps.length === 0) throw new ScenarioError('the scenario needs steps');
  const ids = new Set<string>();
  file.steps.forEach((step: Partial<ScenarioStep>, index) => {
    const at = `step ${index + 1}${step?.id ? ` (${step.id})` : ''}`;
    if (!step || typeof step !== 'object') throw new ScenarioError(`${at} is not a mapping`);
    if (typeof step.id !== 'string' || !NAME.test(step.id)) throw new ScenarioError(`${at} needs an id of lower-case letters, digits and dashes`);
    if (ids.has(step.id)) throw new ScenarioError(`${at}: the id ${step.id} is used twice`);
    ids.add(step.id);
    if (!isCoordinatingBody(step.as)) throw new ScenarioError(`${at}: "as" must name a secretariat (CNDDR, INTEGRATION_COMMISSION, CSA, SCDS, CTS, MOC)`);
    if (typeof step.command !== 'string') throw new ScenarioError(`${at} needs a command`);
    if (!step.input || typeof step.input !== 'object' || Array.isArray(step.input)) throw new ScenarioError(`${at} needs an input mapping`);
    if (step.note !== undefined && typeof step.note !== 'string') throw new ScenarioError(`${at}: note must be text`);
    if (step.datePrecision !== undefined && !DATE_PRECISIONS.includes(step.datePrecision)) {
      throw new ScenarioError(`${at}: datePrecision must be one of ${DATE_PRECISIONS.join(', ')}`);
    }
    if (step.assumption !== undefined && typeof step.assumption !== 'boolean') throw new ScenarioError(`${at}: assumption must be true or false`);
  });
  return file as Scenario;
}

/** The command input a step records: its input, with the step's note, date precision and assumption as the act's source. */
export function stepInput(scenario: Pick<Scenario, 'name'>, step: ScenarioStep): Record<string, unknown> {
  const source = { sourceNote: step.note, datePrecision: step.datePrecision, assumption: step.assumption };
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined));
  return { ...given, ...step.input, commandId: `${scenario.name}.${step.id}` };
}
