import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '@ddr/read-model';
import { graphqlError } from './errors';

/** Every list that grows with the store is read a page at a time: this many by default, at most `max`. */
export const PAGE_SIZE = { default: 20, max: 100 };

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: PAGE_SIZE.default, description: `How many to answer, 1 to ${PAGE_SIZE.max}.` })
  first: number = PAGE_SIZE.default;
  @Field(() => String, { nullable: true, description: "The page before's endCursor; the first page when omitted." })
  after?: string | null;
}

/** The page asked for, checked: `first` within 1..max, `after` a cursor with the list's number of key parts. */
export function pageRequest({ first, after }: PageArgs, keyParts: number, max = PAGE_SIZE.max): PageRequest {
  if (!Number.isInteger(first) || first < 1 || first > max) throw graphqlError('BAD_USER_INPUT', `first must be between 1 and ${max}`);
  if (after === undefined || after === null) return { first, after: null };
  const key = decodeCursor(after, keyParts);
  if (!key) throw graphqlError('BAD_USER_INPUT', 'after is not a cursor of this list');
  return { first, after: key };
}

@ObjectType('PageInfo')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Pass it as `after` for the next page.' }) endCursor: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type (`<Name>Connection`, `<Name>Edge`) over a node type. */
export function connectionOf<T>(node: new (...args: never[]) => T, name: string): new () => Connection<T> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }
  @ObjectType(`${name}Connection`, { description: `${name}s a page at a time, with cursors and the total count.` })
  class ConnectionType implements Connection<T> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many the whole list holds.' }) totalCount: number;
  }
  return ConnectionType;
}

/** A page as a connection; `totalCount` stays a getter, so it is counted only when the query asks for it. */
export const toConnection = <T>(page: Page<T>): Connection<T> => ({
  edges: page.nodes,
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor ?? null },
  get totalCount() {
    return page.totalCount;
  },
});

/** The nodes of a page: what a list field that keeps its plain list type answers. */
export const nodesOf = <T>(page: Page<T>): T[] => page.nodes.map(({ node }) => node);

/** A short list kept in a view in the order recorded: an entry's key is its place in it. */
export const orderRecorded =
  <T>(items: readonly T[]) =>
  (item: T) => [items.indexOf(item)];

/** The page asked of a list kept in order of a sequence number (a token's issue, an attempt): `after` as that number. */
export function sequencePageRequest(args: PageArgs): { first: number; after: number | undefined } {
  const { first, after } = pageRequest(args, 1);
  const sequence = after ? Number(after[0]) : undefined;
  if (sequence !== undefined && !Number.isSafeInteger(sequence)) throw graphqlError('BAD_USER_INPUT', 'after is not a cursor of this list');
  return { first, after: sequence };
}

/** A page of such a list as a connection, each node's cursor its sequence number. */
export const sequenceConnection = <T>(page: Omit<Page<T>, 'nodes'> & { nodes: T[] }, sequenceOf: (node: T) => number): Connection<T> =>
  toConnection({ ...page, nodes: page.nodes.map((node) => ({ cursor: encodeCursor([sequenceOf(node)]), node })) });
