import { Transform } from 'class-transformer';

/** Leading and trailing white space is never meaningful in names, titles and e-mail addresses. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
