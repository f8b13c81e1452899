/** No request of ours nests deeper than a handful of levels; this leaves room and stops abuse. */
export const MAX_JSON_NESTING = 32;

/**
 * How deep JSON text nests its arrays and objects, counted without parsing (strings skipped);
 * the scan stops as soon as it passes `stopAbove`.
 */
export function jsonNestingDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (char === ']' || char === '}') depth--;
  }
  return deepest;
}
