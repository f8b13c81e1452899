import type { DataSource } from 'typeorm';

/** A comparable description of the public schema: tables, columns, constraints and indexes. */
export async function schemaSnapshot(dataSource: DataSource) {
  const columns = await dataSource.query(`
    SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY table_name, column_name`);
  const constraints = await dataSource.query(`
    SELECT tc.table_name, tc.constraint_name, tc.constraint_type
    FROM information_schema.table_constraints tc
    WHERE tc.table_schema = 'public' AND tc.constraint_type <> 'CHECK'
    ORDER BY tc.table_name, tc.constraint_name`);
  const indexes = await dataSource.query(`
    SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
    ORDER BY tablename, indexname`);
  const triggers = await dataSource.query(`
    SELECT event_object_table, trigger_name, event_manipulation, action_statement
    FROM information_schema.triggers WHERE trigger_schema = 'public'
    ORDER BY event_object_table, trigger_name, event_manipulation`);
  return { columns, constraints, indexes, triggers };
}
