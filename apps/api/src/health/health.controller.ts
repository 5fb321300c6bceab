import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { followerLag, type FollowerLag } from '@ddr/telemetry';
import { LogFollowers, type FollowerName } from '../operations/log-followers';
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
    @Inject(LogFollowers) private readonly followers: LogFollowers,
  ) {}

  /** Up and how far each follower of the log (which catch up behind the start) is behind, counted up to FOLLOWER_LAG_CAP events. */
  @Get()
  async check(): Promise<{ status: 'ok'; headPosition: string | null; readModelPosition: string | null; followers: Record<FollowerName, FollowerLag> }> {
    const failure = this.readSide.runner.lastFailure;
    if (failure) throw unavailable(failure);
    let health;
    try {
      const [headPosition, followers] = await Promise.all([this.store.headPosition(), this.followers.measure(FOLLOWER_LAG_CAP)]);
      health = { status: 'ok' as const, headPosition: headPosition ?? null, readModelPosition: this.readSide.position, followers };
    } catch (error) {
      throw unavailable(error);
    }
    // Up, and saying how far: reads are refused until the read model holds what the log held at start.
    if (!this.readSide.caughtUpWithStart) throw catchingUp(health);
    return health;
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
    if (!this.readSide.caughtUpWithStart) throw catchingUp({ readModelPosition: this.readSide.position });
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

/** Beyond this many events, a lag is reported as this many: bounded work for a probe. */
export const FOLLOWER_LAG_CAP = 10_000;

const catchingUp = (progress: object) =>
  new HttpException(
    { ...progress, status: 'unavailable', reason: 'the read model is catching up with the log as it stood when the server started' },
    HttpStatus.SERVICE_UNAVAILABLE,
  );

const unavailable = (error: unknown, lag?: { events: number; seconds: number }) =>
  new HttpException(
    { status: 'unavailable', reason: (error as Error).message, ...(lag && { lagEvents: lag.events, lagSeconds: lag.seconds }) },
    HttpStatus.SERVICE_UNAVAILABLE,
  );
