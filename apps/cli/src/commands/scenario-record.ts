import { readFileSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { SecretariatsModule } from '@ddr/bodies/all';
import { EventStoreModule } from '@ddr/event-store/nest';
import { loadScenario, parseScenario } from '@ddr/scenario';
import type { Settings } from '@ddr/settings';
import type { CliIo } from '../cli-command';
import { Progress } from '../progress';

/** The secretariat desks on the command bus, without the HTTP server. */
@Module({})
class Desks {
  static over(settings: Settings): DynamicModule {
    return { module: Desks, imports: [EventStoreModule.forRoot(settings), SecretariatsModule] };
  }
}

/** Records a scenario file through the desks; what `ddr scenario load` does once its arguments are read. */
export async function recordScenario(file: string, settings: Settings, io: CliIo): Promise<number> {
  const scenario = parseScenario(readFileSync(file, 'utf8'));
  const app = await NestFactory.createApplicationContext(Desks.over(settings), { logger: ['error'] });
  try {
    const progress = new Progress(`loading ${scenario.name}`, (text) => process.stderr.write(text), 'steps');
    const result = await loadScenario(app.get(CommandBus), scenario, (done, total) => progress.update(done, total));
    progress.finish(result.steps);
    io.out(JSON.stringify(result));
    return 0;
  } finally {
    await app.close();
  }
}
