import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '@ddr/settings';
import { currentRequest } from './request-scope';

/**
 * NestJS's logger as pino JSON lines on stdout. Every line written while a request runs carries its request
 * id, correlation id, and the caller's body and subject once the token is checked; nothing else of the
 * request (no header, no variable, no token) is ever logged. nestjs-pino is not used: see docs/decisions.md.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: LogLevel, destination: pino.DestinationStream = pino.destination({ fd: 1, sync: true })) {
    this.pino = pino(
      {
        level,
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const request = currentRequest();
          return request ? { requestId: request.requestId, correlationId: request.correlationId, body: request.body, subject: request.subject } : {};
        },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes `(message, context)` or `(message, stack, context)`: the last string is the context. */
  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const strings = rest.filter((value): value is string => typeof value === 'string');
    const context = strings.at(-1);
    const stack = strings.length > 1 ? strings[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'string') this.pino[level]({ context, stack }, message);
    else this.pino[level]({ context, detail: message }, 'detail');
  }
}
