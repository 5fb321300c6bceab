import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { Kind, TypeInfo, validate, visit, visitWithTypeInfo, type ArgumentNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { graphqlError } from './errors';

/** Page-size arguments: the cost limit multiplies what they select by the size asked for. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/** The largest page any list answers; a larger size is refused by the list itself (BAD_USER_INPUT), so it costs this much. */
const LARGEST_PAGE = 500;

/**
 * The document with every page size written out as the literal the cost limit counts: one given
 * through a variable, one left to its default, and one above the largest page (counted as the
 * largest, so the list itself refuses it with BAD_USER_INPUT rather than the cost limit).
 */
export function withPageSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): DocumentNode {
  const defaults = new Map<string, unknown>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue?.kind === Kind.INT) defaults.set(variable.variable.name.value, Number(variable.defaultValue.value));
    }
  }
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const pageArguments = (typeInfo.getFieldDef()?.args ?? []).filter((argument) => PAGE_ARGUMENTS.has(argument.name));
        if (pageArguments.length === 0) return undefined;
        const given = new Map((node.arguments ?? []).map((argument) => [argument.name.value, argument]));
        const sized = pageArguments.flatMap((definition): ArgumentNode[] => {
          const value = given.get(definition.name)?.value;
          const size =
            value === undefined
              ? definition.defaultValue
              : value.kind === Kind.VARIABLE
                ? (variables[value.name.value] ?? defaults.get(value.name.value))
                : value.kind === Kind.INT
                  ? Number(value.value)
                  : undefined;
          if (typeof size !== 'number' || !Number.isInteger(size)) return [];
          const literal = { kind: Kind.INT, value: String(Math.min(size, LARGEST_PAGE)) } as const;
          return [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: definition.name }, value: literal }];
        });
        const others = (node.arguments ?? []).filter((argument) => !PAGE_ARGUMENTS.has(argument.name.value));
        return { ...node, arguments: [...sized, ...others] };
      },
    }),
  );
}

/**
 * graphql-armor's cost limit over the page sizes a request asks for. It runs before execution, on
 * every request (Mercurius validates a repeated query once and caches it, but variables change).
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, maxCost: number): void {
  let refusal: string | undefined;
  const rule = costLimitRule({ maxCost, propagateOnRejection: false, onReject: [(_context, error) => (refusal = error.message)] });
  validate(schema, withPageSizes(schema, document, variables), [rule]);
  if (refusal) throw graphqlError('QUERY_TOO_COMPLEX', refusal.replace(/^Syntax Error: /, ''));
}
