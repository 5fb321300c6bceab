/** One read a client makes, and what it keeps from the answer for its next read. */
export interface Read {
  /** What the read is, to report its latency apart from the others'. */
  kind: string;
  query: string;
  variables: Record<string, unknown>;
  seen(answer: { data?: Record<string, unknown> } | undefined): void;
}

interface Connection {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

const BODY_VIEW = `query($body: Body!) { body(code: $body) {
  awaiting(first: 20) { totalCount edges { node { id title awaiting { body action } } } pageInfo { hasNextPage endCursor } }
  waitingOnOthers(first: 10) { totalCount edges { node { id } } }
  overdue(first: 10) { totalCount edges { node { id dueDate } } }
  unmet(first: 10) { totalCount edges { node { id blockedBy } } }
  decisions(first: 5) { edges { node { instrumentId outcome effectiveDate } } } } }`;
const AWAITING_NEXT = `query($body: Body!, $after: String) { body(code: $body) {
  awaiting(first: 20, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } } } }`;
const INSTRUMENTS_NEXT = `query($after: String) { instruments(first: 20, status: DRAFT, after: $after) {
  totalCount edges { node { id status leadBody } } pageInfo { hasNextPage endCursor } } }`;
const INSTRUMENT = `query($id: ID!) { instrument(id: $id) { id status revision pathway { body action status } awaiting { body } history { type position } } }`;
const KNOWN_AT = `query($id: ID!, $knownAt: DateTime, $asOf: Date) {
  then: instrument(id: $id, knownAt: $knownAt) { status revision }
  effective: instrument(id: $id, asOf: $asOf) { status } }`;
const LISTS = `query($body: Body!) { commitmentsPage(status: OVERDUE, first: 20) { totalCount edges { node { id } } }
  meetingsPage(body: $body, first: 20) { totalCount edges { node { meeting } } }
  timeline(from: "2019-01-01", to: "2019-12-31", first: 20) { entries { summary } hasNextPage } }`;

/**
 * What clients read, in turn: a body's desk (the first page of each of its lists), the next page
 * of a list they are paging through, one instrument with its history, an instrument as known a
 * while ago and as of a date, and the other paginated lists.
 */
export class ReadMix {
  private readonly recent: Array<{ id: string; at: string }> = [];
  private readonly cursors = new Map<string, string | null>();
  private readonly kinds: Array<(n: number) => Read>;

  constructor(private readonly bodies: readonly string[]) {
    this.kinds = [
      (n) => this.plain('body view', BODY_VIEW, { body: this.body(n) }),
      (n) =>
        this.paging(
          `awaiting-${this.body(n)}`,
          'awaiting next page',
          AWAITING_NEXT,
          { body: this.body(n) },
          (data) => (data.body as { awaiting: Connection }).awaiting,
        ),
      () => this.paging('instruments', 'instruments next page', INSTRUMENTS_NEXT, {}, (data) => data.instruments as Connection),
      (n) => this.plain('instrument', INSTRUMENT, { id: this.written(n).id }),
      (n) => this.plain('known at, as of', KNOWN_AT, { id: this.written(n).id, knownAt: this.written(n).at, asOf: '2019-09-24' }),
      (n) => this.plain('body view', BODY_VIEW, { body: this.body(n + 1) }),
      (n) => this.plain('other lists', LISTS, { body: this.body(n) }),
    ];
  }

  /** A write the client saw acknowledged: later reads ask for it. */
  wrote(id: string): void {
    this.recent.push({ id, at: new Date().toISOString() });
    if (this.recent.length > 1000) this.recent.shift();
  }

  next(n: number): Read {
    return this.kinds[n % this.kinds.length](n);
  }

  private body(n: number): string {
    return this.bodies[Math.floor(n / this.kinds.length) % this.bodies.length];
  }

  /** One of the last thousand writes acknowledged, or a made-up id before the first. */
  private written(n: number): { id: string; at: string } {
    return this.recent[n % Math.max(1, this.recent.length)] ?? { id: 'none-yet', at: new Date().toISOString() };
  }

  private plain(kind: string, query: string, variables: Record<string, unknown>): Read {
    return { kind, query, variables, seen: () => undefined };
  }

  /** The next page of a list, from the first again once the list is read to its end. */
  private paging(
    list: string,
    kind: string,
    query: string,
    variables: Record<string, unknown>,
    connection: (data: Record<string, unknown>) => Connection,
  ): Read {
    return {
      kind,
      query,
      variables: { ...variables, after: this.cursors.get(list) ?? null },
      seen: (answer) => {
        const pageInfo = answer?.data ? connection(answer.data).pageInfo : undefined;
        this.cursors.set(list, pageInfo?.hasNextPage ? pageInfo.endCursor : null);
      },
    };
  }
}
