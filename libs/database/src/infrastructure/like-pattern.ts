/** A LIKE / ILIKE pattern matching `text` anywhere, with the user's own `%`, `_` and `\` taken literally. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
