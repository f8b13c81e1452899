import { ValidationPipe } from '@nestjs/common';

import { fieldViolations, InvalidFieldsError } from './field-violations';

/**
 * Validates and transforms every DTO; unknown fields are refused rather than silently dropped. A
 * refused body is told one message per field (`InvalidFieldsError`), in the client's language.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    // The target and value tell which constraint's figures to quote, and whether the field was empty.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new InvalidFieldsError(fieldViolations(errors)),
  });
}
