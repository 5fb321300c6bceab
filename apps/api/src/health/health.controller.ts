import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { followerLag } from '@ddr/telemetry';
import { ReadSide } from '../read-side/read-side';
import { READY_MAX_LAG } from './ready-max-lag';

/**
 * Plain HTTP, no token: load balancers, orchestrators and operators ask whether the process lives, whether the
 * store and projections are up, and whether the read model is close enough to the log to serve.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(READY_MAX_LAG) private readonly readyMaxLag: number,
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

  /** The process answers: restart it only when this fails. Asks nothing of the store. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Send traffic here only when the store answers and the read model is within READY_MAX_LAG events of the head. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; lagEvents: number; lagSeconds: number }> {
    const failure = this.readSide.runner.lastFailure;
    if (failure) throw unavailable(failure);
    let lag;
    try {
      lag = await followerLag(this.store, this.readSide.position, this.readyMaxLag + 1);
    } catch (error) {
      throw unavailable(error);
    }
    if (lag.events > this.readyMaxLag) {
      throw unavailable(new Error(`the read model is more than ${this.readyMaxLag} events behind the log (READY_MAX_LAG)`), lag);
    }
    return { status: 'ok', lagEvents: lag.events, lagSeconds: lag.seconds };
  }
}

const unavailable = (error: unknown, lag?: { events: number; seconds: number }) =>
  new HttpException(
    { status: 'unavailable', reason: (error as Error).message, ...(lag && { lagEvents: lag.events, lagSeconds: lag.seconds }) },
    HttpStatus.SERVICE_UNAVAILABLE,
  );
