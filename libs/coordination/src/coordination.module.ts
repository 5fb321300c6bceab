import { Module } from '@nestjs/common';
import { SHARED_HANDLERS } from './shared-commands';

/** The behaviour every body shares, once: instrument lifecycle, meetings, commitments, conditions. */
@Module({ providers: [...SHARED_HANDLERS] })
export class CoordinationModule {}
