import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';

/** Plain HTTP, no token: load balancers and operators ask it whether the store answers. */
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async check(): Promise<{ status: 'ok'; headPosition: string | null }> {
    try {
      return { status: 'ok', headPosition: (await this.store.headPosition()) ?? null };
    } catch (error) {
      throw new HttpException({ status: 'unavailable', reason: (error as Error).message }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
