import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Leading and trailing white space is never meaningful in names, titles and e-mail addresses. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Names, companies and subjects fit on one line (they go into mail headers and list rows). */
export const SingleLine = (): PropertyDecorator =>
  Matches(/^[^\r\n]*$/, { message: '$property must be a single line', context: { rule: 'singleLine' } });

/** A multipart form sends every field as text: `true` / `false` there mean the booleans JSON would send. */
export const FormBoolean = (): PropertyDecorator =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
