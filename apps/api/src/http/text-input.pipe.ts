import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

import { type FieldProblem, ValidationFailedError } from '@madoguchi/common';

/** What no text a person writes holds, and what Postgres cannot store: refused on its field. */
function textProblem(text: string): 'text.nul' | 'text.malformed' | null {
  if (text.includes('\u0000')) return 'text.nul';
  // Half of a UTF-16 surrogate pair: JSON lets a client send one (`"\ud800"`), UTF-8 cannot hold it.
  if (!text.isWellFormed()) return 'text.malformed';
  return null;
}

const MESSAGES = {
  'text.nul': 'contains a NUL character',
  'text.malformed': 'contains an unpaired UTF-16 surrogate (not valid Unicode text)',
} as const;

/** Walks a body, query or path value; `at` names the field as the validation messages do (`message.ja`). */
function problemsIn(value: unknown, at: string, found: FieldProblem[]): void {
  if (typeof value === 'string') {
    const rule = textProblem(value);
    if (rule) found.push({ field: at || 'body', messages: [MESSAGES[rule]], rule });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => problemsIn(item, `${at}[${index}]`, found));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      problemsIn(key, at, found);
      problemsIn(item, at ? `${at}.${key}` : key, found);
    }
  }
}

/**
 * The one input guard for text, before any DTO or use case sees it: a NUL or an unpaired surrogate in
 * any body, query or path field of any route (public ones included) is a 400 on that field, where it
 * would otherwise reach Postgres and fail there as a 500. Nesting is bounded by the JSON parser.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found: FieldProblem[] = [];
    problemsIn(value, metadata.data ?? '', found);
    if (found.length > 0) throw new ValidationFailedError(found);
    return value;
  }
}
