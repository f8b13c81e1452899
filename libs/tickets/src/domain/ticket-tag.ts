/** Longest tag name: a label on a list row, not a sentence. */
export const MAX_TAG_LENGTH = 40;

/** Most tags one ticket carries, and one request may add. */
export const MAX_TAGS_PER_TICKET = 20;

/**
 * A tag's name as stored and compared: full-width letters and digits folded to their usual form
 * (NFKC, as Japanese input methods produce both), surrounding and repeated spaces removed. Case is
 * kept for display and ignored when names are compared.
 */
export function tagName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Why a name cannot be a tag, or null: empty, too long, or with a comma (lists of tags are written with commas). */
export function tagNameProblem(name: string): 'empty' | 'too-long' | 'comma' | null {
  if (name.length === 0) return 'empty';
  if (name.length > MAX_TAG_LENGTH) return 'too-long';
  if (name.includes(',') || name.includes('、')) return 'comma';
  return null;
}

/** Names as a person typed them, cleaned and without repeats (case aside), in their order. */
export function distinctTagNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map(tagName).filter((name) => {
    const key = name.toLowerCase();
    if (name.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
