/** A position in a list ordered by (time, id), opaque to clients: the last row of the page before. */
export interface KeysetCursor {
  at: string;
  id: string;
}

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** Null for anything this code did not write. */
export function decodeKeysetCursor(text: string): KeysetCursor | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString()) as [unknown, unknown];
    return typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) ? { at, id } : null;
  } catch {
    return null;
  }
}
