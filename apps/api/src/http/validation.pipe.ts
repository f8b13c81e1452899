import { ValidationError, ValidationPipe } from '@nestjs/common';

import { FieldProblem, ValidationFailedError } from '@madoguchi/common';

/** Flattens class-validator's tree into one entry per field path, e.g. `message.ja`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** Validates and transforms every DTO; unknown fields are refused rather than silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(fieldProblems(errors)),
  });
}
