import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';
import { graphqlError } from './errors';

/** Page-size arguments: the cost limit multiplies what they select by the size asked for. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/** The largest page any list answers; a larger size is refused by the list itself (BAD_USER_INPUT), so it costs this much. */
const LARGEST_PAGE = 500;

/** Visits each field that takes a page size, with the definitions of its page-size arguments; `edit` may replace the field. */
function visitPagedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  edit: (node: FieldNode, pageArguments: readonly GraphQLArgument[]) => FieldNode | undefined,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const pageArguments = (typeInfo.getFieldDef()?.args ?? []).filter((argument) => PAGE_ARGUMENTS.has(argument.name));
        return pageArguments.length === 0 ? undefined : edit(node, pageArguments);
      },
    }),
  );
}

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
  return visitPagedFields(schema, document, (node, pageArguments) => {
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
  });
}

/** The variables a document gives page sizes through: with the document, all its cost depends on. */
function pageVariablesOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  visitPagedFields(schema, document, (node) => {
    for (const argument of node.arguments ?? []) {
      if (PAGE_ARGUMENTS.has(argument.name.value) && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
    }
    return undefined;
  });
  return [...names];
}

/** The refusal of the cost limit, or null: graphql-armor's rule over the page sizes written out. */
function costRefusal(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, maxCost: number): string | null {
  let refusal: string | null = null;
  const rule = costLimitRule({ maxCost, propagateOnRejection: false, onReject: [(_context, error) => (refusal = error.message)] });
  validate(schema, withPageSizes(schema, document, variables), [rule]);
  return refusal;
}

/** Verdicts already reached for a document (Mercurius hands a repeated query's cached document back), by its page sizes. */
const verdicts = new WeakMap<DocumentNode, { pageVariables: string[]; refusals: Map<string, string | null> }>();
const VERDICTS_PER_DOCUMENT = 64;

/**
 * graphql-armor's cost limit over the page sizes a request asks for. It runs before execution, on
 * every request (Mercurius validates a repeated query once and caches it, but variables change), so
 * the verdict is remembered by the document and its page-size variables' values: counting costs two
 * walks of the document, a fifth of a small query's time. One schema and one limit per server.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, maxCost: number): void {
  let known = verdicts.get(document);
  if (!known) verdicts.set(document, (known = { pageVariables: pageVariablesOf(schema, document), refusals: new Map() }));
  const key = JSON.stringify(known.pageVariables.map((name) => variables?.[name] ?? null));
  let refusal = known.refusals.get(key);
  if (refusal === undefined) {
    refusal = costRefusal(schema, document, variables, maxCost);
    if (known.refusals.size >= VERDICTS_PER_DOCUMENT) known.refusals.clear();
    known.refusals.set(key, refusal);
  }
  if (refusal) throw graphqlError('QUERY_TOO_COMPLEX', refusal.replace(/^Syntax Error: /, ''));
}
