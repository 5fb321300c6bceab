import { Kind, type DocumentNode } from 'graphql';
import { nameSpan, type OperationsMetrics } from '@ddr/telemetry';

/** What Mercurius's preExecution hook learns of an operation, for its onResolution hook. */
export interface TimedOperation {
  startedAt: number;
  type: string;
  fields: string[];
}

/**
 * Before execution: names the request's span after the operation (`graphql mutation proposeInstrument`) and
 * starts its clock. Hooks Mercurius already runs carry this, so nothing wraps a resolver.
 */
export function operationStarting(document: DocumentNode, context: { operation?: TimedOperation }): void {
  const definition = document.definitions.find((node) => node.kind === Kind.OPERATION_DEFINITION);
  if (!definition) return;
  const fields = definition.selectionSet.selections.flatMap((node) => (node.kind === Kind.FIELD && !node.name.value.startsWith('__') ? [node.name.value] : []));
  context.operation = { startedAt: performance.now(), type: definition.operation, fields };
  nameSpan(`graphql ${definition.operation} ${fields.join(',')}`, { 'graphql.operation.type': definition.operation, 'graphql.fields': fields });
}

/** After execution: a query's time, under each root field it asked (mutations are timed as commands). */
export function operationResolved(context: { operation?: TimedOperation }, metrics: OperationsMetrics): void {
  const operation = context.operation;
  if (operation?.type !== 'query') return;
  const seconds = (performance.now() - operation.startedAt) / 1000;
  for (const field of operation.fields) metrics.query(field, seconds);
}
