import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { ReadSide } from '../read-side/read-side';

/** Plain HTTP, no token: load balancers and operators ask whether the store and projections are up. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadSide) private readonly readSide: ReadSide,
  ) {}

  @Get()
  async check(): Promise<{ status: 'ok'; headPosition: string | null; readModelPosition: string | null }> {
    const failure = this.readSide.runner.lastFailure;
    if (failure) throw unavailable(failure);
    try {
      return { status: 'ok', headPosition: (await this.store.headPosition()) ?? null, readModelPosition: this.readSide.position };
    } catch (error) {
      throw unavailable(error);
    }
  }
}

const unavailable = (error: unknown) => new HttpException({ status: 'unavailable', reason: (error as Error).message }, HttpStatus.SERVICE_UNAVAILABLE);
