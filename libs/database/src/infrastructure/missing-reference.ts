/**
 * The field behind a foreign key Postgres refused (SQLSTATE 23503: the row it names does not exist),
 * camel-cased as the API names it (`assignee_id` → `assigneeId`); null for any other error. Use cases
 * check the references they take; this is the net for one they missed, which would otherwise be a 500.
 */
export function missingReference(error: unknown): { field: string; table: string } | null {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (code !== '23503' || typeof detail !== 'string') return null;
  const match = /^Key \(([a-z_]+)\)=\(.*\) is not present in table "([a-z_]+)"/.exec(detail);
  if (!match) return null;
  return { field: match[1]!.replace(/_([a-z])/g, (_all, letter: string) => letter.toUpperCase()), table: match[2]! };
}
