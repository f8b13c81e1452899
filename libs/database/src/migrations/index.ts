import { Foundation1764300000000 } from './1764300000000-foundation';

/** Every migration, oldest first: one history for the whole schema, whichever library owns a table. */
export const MIGRATIONS = [Foundation1764300000000];
