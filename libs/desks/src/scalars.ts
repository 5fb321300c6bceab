import { Kind, GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { isCalendarDate } from '@ddr/kernel';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** `Date`: an ISO calendar date; an impossible date (2019-02-30) is BAD_USER_INPUT. */
export const CalendarDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO calendar date, e.g. 2019-10-09.',
  serialize: (value) => String(value),
  parseValue(value) {
    if (!isCalendarDate(value)) throw badInput(`${JSON.stringify(value)} is not a calendar date (YYYY-MM-DD)`);
    return value;
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING || !isCalendarDate(ast.value)) throw badInput('a Date must be a real calendar date as "YYYY-MM-DD"');
    return ast.value;
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && isCalendarDate(value.slice(0, 10));

/** `DateTime`: an ISO instant with its offset, e.g. 2026-11-27T08:00:00Z. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO 8601 instant with an offset, e.g. 2026-11-27T08:00:00Z.',
  serialize: (value) => String(value),
  parseValue(value) {
    if (!isInstant(value)) throw badInput(`${JSON.stringify(value)} is not an ISO instant`);
    return new Date(value).toISOString();
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING || !isInstant(ast.value)) throw badInput('a DateTime must be an ISO instant with an offset');
    return new Date(ast.value).toISOString();
  },
});

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value)]));
    default:
      throw badInput('JSON literals cannot contain variables or enums');
  }
}

/** `JSON`: an event's data, as recorded. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
