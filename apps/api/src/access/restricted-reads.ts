import { createParamDecorator, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { AccessLog } from '@ddr/access';
import { instrumentStream } from '@ddr/coordination';
import type { Actor } from '@ddr/kernel';
import { restrictedAmong, viewerOf, type Viewer } from '@ddr/read-model';
import { ReadSide } from '../read-side/read-side';
import { requestContext } from './request-context';

/** Who reads, for the read model's one visibility rule: the caller's body, or everything for auditors and operators. */
export const CurrentViewer = createParamDecorator((_: unknown, context: ExecutionContext): Viewer => viewerOf(requestContext(context).actor!));

/** What a caller was given that is restricted, written to the access log: every read of a restricted item, by anyone. */
@Injectable()
export class RestrictedReads {
  constructor(
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(ReadSide) private readonly readSide: ReadSide,
  ) {}

  /** Records the restricted ones among the streams a caller read; returns what it was given, to be returned in turn. */
  noted<T>(actor: Actor, operation: string, given: T, streamsOf: (given: T) => Iterable<string>): T {
    const streams = restrictedAmong(this.readSide.db, streamsOf(given));
    this.accessLog.recordRead({ subject: actor.subject, body: actor.body, role: actor.role, operation, streams });
    return given;
  }

  /** The same, for instruments by id. */
  instruments<T extends { id: string }>(actor: Actor, operation: string, given: T[]): T[] {
    this.noted(actor, operation, given, (items) => items.map((item) => instrumentStream(item.id)));
    return given;
  }
}
