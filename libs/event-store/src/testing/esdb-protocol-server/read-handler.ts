import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import type { InMemoryLog, StoredEvent } from './in-memory-log';
import { caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage, streamName, streamNotFoundMessage } from './messages';
import { ReadReq, type ReadResp } from './protocol';

type Options = ReadReq.Options;
type Call = ServerWritableStream<ReadReq, ReadResp>;

export interface ReadBehaviour {
  /** Send `caught_up` when a subscription reaches the end of the log (servers before 23.10 did not). */
  caughtUpMessages: boolean;
}

/** A real server checks this many events per filtered page; a checkpoint comes every `multiplier` pages. */
const SEARCH_WINDOW = 32;

/**
 * `Streams.Read`, server streaming: a bounded read of one stream or of
 * `$all` (forwards or backwards, from start, end, a revision or a position,
 * with a count), or a catch-up subscription (confirmation, the stored events
 * after the start, `caught_up`, then live events; checkpoints when filtered).
 */
export function handleRead(log: () => InMemoryLog, behaviour: ReadBehaviour) {
  return (call: Call): void => {
    const options = call.request.getOptions();
    const sink = new Sink(call);
    const work = !options
      ? Promise.reject(new Error('a read needs options'))
      : options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION
        ? subscribe(sink, log(), options, behaviour)
        : read(sink, log(), options);
    work.then(
      () => sink.end(),
      (error: unknown) => sink.fail(error),
    );
  };
}

async function read(sink: Sink, log: InMemoryLog, options: Options): Promise<void> {
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = Number(BigInt.asUintN(53, BigInt(options.getCount() || '0')));
  const selected = filterOf(options);
  const fromAll = options.hasAll();
  let source: readonly StoredEvent[];
  let index: number;
  if (fromAll) {
    source = log.all;
    index = allStart(log, options.getAll()!, backwards);
  } else {
    const name = streamName(options.getStream()?.getStreamIdentifier());
    const events = log.stream(name);
    if (!events) {
      await sink.send(streamNotFoundMessage(name));
      return;
    }
    source = events;
    index = streamStart(events, options.getStream()!, backwards);
  }
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  let sent = 0;
  for (; sent < count && index >= 0 && index < source.length; index += backwards ? -1 : 1) {
    const event = source[index];
    if (!selected(event)) continue;
    if (!(await sink.send(eventMessage(event, { structuredIds, fromAll })))) return;
    sent++;
  }
}

/** Forwards from a position includes the event at it; backwards from a position excludes it. */
function allStart(log: InMemoryLog, all: ReadReq.Options.AllOptions, backwards: boolean): number {
  switch (all.getAllOptionCase()) {
    case ReadReq.Options.AllOptions.AllOptionCase.POSITION: {
      const at = log.indexAtOrAfter(positionOf(all.getPosition()!));
      return backwards ? at - 1 : at;
    }
    case ReadReq.Options.AllOptions.AllOptionCase.END:
      return backwards ? log.all.length - 1 : log.all.length;
    default:
      return backwards ? -1 : 0;
  }
}

/** A stream read from a revision includes it, in both directions. */
function streamStart(events: readonly StoredEvent[], stream: ReadReq.Options.StreamOptions, backwards: boolean): number {
  switch (stream.getRevisionOptionCase()) {
    case ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION: {
      const revision = Number(stream.getRevision());
      return backwards ? Math.min(revision, events.length - 1) : revision;
    }
    case ReadReq.Options.StreamOptions.RevisionOptionCase.END:
      return backwards ? events.length - 1 : events.length;
    default:
      return 0;
  }
}

/** Subscription start positions are exclusive: the events strictly after them are sent. */
async function subscribe(sink: Sink, log: InMemoryLog, options: Options, behaviour: ReadBehaviour): Promise<void> {
  const selected = filterOf(options);
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const fromAll = options.hasAll();
  const stream = fromAll ? undefined : streamName(options.getStream()?.getStreamIdentifier());
  const inScope = (event: StoredEvent) => stream === undefined || event.stream === stream;
  const filter = options.getFilter();
  const checkpointEvery = filter ? SEARCH_WINDOW * Math.max(1, filter.getCheckpointintervalmultiplier()) : 0;
  let index = fromAll ? subscriptionStartInAll(log, options.getAll()!) : subscriptionStartInStream(log, options.getStream()!);
  let considered = 0;
  let caughtUp = false;
  if (!(await sink.send(confirmationMessage(randomUUID())))) return;
  while (!sink.stopped) {
    while (index < log.all.length) {
      const event = log.all[index++];
      if (!inScope(event)) continue;
      if (selected(event) && !(await sink.send(eventMessage(event, { structuredIds, fromAll })))) return;
      if (checkpointEvery > 0 && ++considered % checkpointEvery === 0) {
        if (!(await sink.send(checkpointMessage(event)))) return;
      }
    }
    if (!caughtUp) {
      caughtUp = true;
      if (behaviour.caughtUpMessages && !(await sink.send(caughtUpMessage()))) return;
      // Sending may wait for the client to drain; what was appended meanwhile would wake no one.
      if (index < log.all.length) continue;
    }
    await log.waitForAppend(sink.signal);
  }
}

function subscriptionStartInAll(log: InMemoryLog, all: ReadReq.Options.AllOptions): number {
  switch (all.getAllOptionCase()) {
    case ReadReq.Options.AllOptions.AllOptionCase.POSITION:
      return log.indexAfter(positionOf(all.getPosition()!));
    case ReadReq.Options.AllOptions.AllOptionCase.END:
      return log.all.length;
    default:
      return 0;
  }
}

function subscriptionStartInStream(log: InMemoryLog, stream: ReadReq.Options.StreamOptions): number {
  const events = log.stream(streamName(stream.getStreamIdentifier())) ?? [];
  switch (stream.getRevisionOptionCase()) {
    case ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION: {
      const after = events[Number(stream.getRevision())];
      return after ? log.indexAfter(after) : log.all.length;
    }
    case ReadReq.Options.StreamOptions.RevisionOptionCase.END:
      return log.all.length;
    default:
      return 0;
  }
}

/** A server filter looks at the stream name or at the event type, by regular expression or by prefixes. */
function filterOf(options: Options): (event: StoredEvent) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const field = (event: StoredEvent) => (onStream ? event.stream : event.type);
  const regex = expression?.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(field(event));
  }
  const prefixes = expression?.getPrefixList() ?? [];
  return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
}

function positionOf(position: ReadReq.Options.Position): { commit: bigint; prepare: bigint } {
  return { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
}

/** Writes with the call's flow control, and notices when the client goes away or the server stops. */
class Sink {
  private readonly abort = new AbortController();
  readonly signal = this.abort.signal;

  constructor(private readonly call: Call) {
    call.on('cancelled', () => this.abort.abort());
    call.on('close', () => this.abort.abort());
    call.on('error', () => this.abort.abort());
  }

  get stopped(): boolean {
    return this.signal.aborted || this.call.cancelled;
  }

  /** Resolves to false when the call is over and nothing more can be sent. */
  async send(message: ReadResp): Promise<boolean> {
    if (this.stopped) return false;
    if (this.call.write(message)) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.call.once('drain', done);
      this.signal.addEventListener('abort', done, { once: true });
    });
    return !this.stopped;
  }

  end(): void {
    if (!this.stopped) this.call.end();
  }

  fail(error: unknown): void {
    if (this.stopped) return;
    this.call.emit('error', { code: status.INTERNAL, details: String(error) });
  }
}
