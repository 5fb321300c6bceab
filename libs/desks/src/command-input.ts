import { plainToInstance } from 'class-transformer';
import { registerDecorator, validate, type ValidationError, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@ddr/kernel';

/** The command's input failed validation; nothing was written. */
export class InvalidCommandError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly problems: string[]) {
    super(`invalid input: ${problems.join('; ')}`);
  }
}

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const at = path ? `${path}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((message) => message.replace(error.property, at)), ...flatten(error.children ?? [], at)];
  });
}

/** Turns raw input into an instance of `type`, or throws with every problem found. */
export async function validateInput<T extends object>(type: new () => T, raw: unknown): Promise<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidCommandError(['input must be an object']);
  const input = plainToInstance(type, raw);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidCommandError(flatten(errors));
  return input;
}

/** A real calendar date in ISO form, not after today (a decision cannot take effect in the future). */
export function IsEffectiveDate(options?: ValidationOptions & { allowFuture?: boolean }) {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isEffectiveDate',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} must be a real calendar date (YYYY-MM-DD)${options?.allowFuture ? '' : ', not in the future'}`, ...options },
      validator: {
        validate: (value: unknown) => isCalendarDate(value) && (options?.allowFuture === true || value <= new Date().toISOString().slice(0, 10)),
      },
    });
}
