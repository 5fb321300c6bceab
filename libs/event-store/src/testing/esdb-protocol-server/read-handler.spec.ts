import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { InMemoryLog } from './in-memory-log';
import { Empty, ReadReq, type ReadResp } from './protocol';
import { handleRead } from './read-handler';

/** A server call whose client stops reading while `caught_up` is in flight, as a loaded client does. */
class SlowReader extends EventEmitter {
  readonly cancelled = false;
  readonly received: ReadResp[] = [];
  constructor(
    readonly request: ReadReq,
    private readonly whileCaughtUpWaits: () => void,
  ) {
    super();
  }
  write(message: ReadResp): boolean {
    this.received.push(message);
    if (!message.hasCaughtUp()) return true;
    setImmediate(() => {
      this.whileCaughtUpWaits();
      this.emit('drain');
    });
    return false;
  }
  end(): void {}
}

function subscriptionToAll(): ReadReq {
  const options = new ReadReq.Options();
  const all = new ReadReq.Options.AllOptions();
  all.setStart(new Empty());
  options.setAll(all);
  options.setSubscription(new ReadReq.Options.SubscriptionOptions());
  options.setReadDirection(ReadReq.Options.ReadDirection.FORWARDS);
  options.setNoFilter(new Empty());
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  options.setUuidOption(uuid);
  return new ReadReq().setOptions(options);
}

const append = (log: InMemoryLog, stream: string) =>
  log.append(stream, { kind: 'any' }, [
    { id: randomUUID(), type: 'Noted', contentType: 'application/json', data: new Uint8Array(), customMetadata: new Uint8Array() },
  ]);

describe('a catch-up subscription on the test server', () => {
  it('sends an event appended while its caught_up message waited for the client, with no later append to wake it', async () => {
    const log = new InMemoryLog();
    append(log, 'first');
    const call = new SlowReader(subscriptionToAll(), () => append(log, 'during-caught-up'));
    handleRead(() => log, { caughtUpMessages: true })(call as never);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const events = call.received.filter((message) => message.hasEvent()).map((message) => message.getEvent()!.getEvent()!.getStreamIdentifier()!);
    expect(events.map((id) => Buffer.from(id.getStreamName_asU8()).toString())).toEqual(['first', 'during-caught-up']);
    call.emit('cancelled');
  });
});
