import { CommandBus } from '@nestjs/cqrs';
import { deskCommandNamed } from '@ddr/bodies/all';
import type { Actor } from '@ddr/kernel';
import { ScenarioError, stepInput, type Scenario } from './scenario-file';

export interface ScenarioLoadResult {
  steps: number;
  /** Steps whose command appended events now. */
  recorded: number;
  /** Steps whose command id was already in the log: loading again records nothing new. */
  alreadyRecorded: number;
  position: string | null;
}

/**
 * Loads a scenario through the normal command path, step by step, as the
 * named secretariat: validated, authorised and decided like any other write.
 * The first refused step stops the load and says which and why.
 */
export async function loadScenario(
  bus: CommandBus,
  scenario: Scenario,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ScenarioLoadResult> {
  const result: ScenarioLoadResult = { steps: scenario.steps.length, recorded: 0, alreadyRecorded: 0, position: null };
  for (const [index, step] of scenario.steps.entries()) {
    const descriptor = deskCommandNamed(step.command);
    if (!descriptor) throw new ScenarioError(`step ${step.id}: no command ${step.command}`);
    const actor: Actor = { subject: `scenario:${scenario.name}`, body: step.as, role: 'SECRETARIAT' };
    try {
      const outcome = await bus.execute(new descriptor.busCommand(stepInput(scenario, step), actor, scenario.name));
      if (outcome.replayed) result.alreadyRecorded++;
      else result.recorded++;
      result.position = outcome.position || result.position;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      throw new ScenarioError(`step ${step.id} (${step.command} as ${step.as}) was refused: ${code} ${(error as Error).message}`);
    }
    onProgress(index + 1, scenario.steps.length);
  }
  return result;
}
