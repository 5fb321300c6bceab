import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { finalize, from, lastValueFrom, type Observable } from 'rxjs';
import { inSpan, METRICS, tracingEnabled, type OperationsMetrics } from '@ddr/telemetry';

/**
 * Root queries and mutations in a `graphql <Type>.<field>` span, and the root query fields' latency in the
 * metrics (a mutation's is its command's). Registered only when metrics or tracing are on.
 */
@Injectable()
export class ResolverTimingInterceptor implements NestInterceptor {
  constructor(@Inject(METRICS) private readonly metrics: OperationsMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const info =
      context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getInfo<{ fieldName: string; parentType: { name: string } }>() : undefined;
    const type = info?.parentType.name;
    if (!info || (type !== 'Query' && type !== 'Mutation')) return next.handle();
    const started = performance.now();
    // Nest binds the async context when handle() is called: inside the span, when tracing.
    const handled = () =>
      type === 'Query' ? next.handle().pipe(finalize(() => this.metrics.query(info.fieldName, (performance.now() - started) / 1000))) : next.handle();
    if (!tracingEnabled()) return handled();
    const attributes = { 'graphql.operation.type': type.toLowerCase(), 'graphql.field': info.fieldName };
    return from(inSpan(`graphql ${type}.${info.fieldName}`, attributes, () => lastValueFrom(handled(), { defaultValue: undefined })));
  }
}
