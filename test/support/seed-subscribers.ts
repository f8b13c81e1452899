import { DataSource } from 'typeorm';

import { dataSourceOptionsFor } from '@madoguchi/database';

/** `count` customer contacts of one organization, over 7 domains, one in five reading English. */
export async function seedSubscribers(url: string, count: number): Promise<string[]> {
  const db = await new DataSource(await dataSourceOptionsFor({ kind: 'postgres', url })).initialize();
  const [org] = (await db.query(
    `INSERT INTO organization (id, name) VALUES (gen_random_uuid(), 'さくら商事') RETURNING id`,
  )) as Array<{ id: string }>;
  const rows = (await db.query(
    `INSERT INTO app_user (id, email, name, password_hash, role, organization_id, language)
     SELECT gen_random_uuid(), 'c' || g || '@d' || (g % 7) || '.example', 'c' || g, 'x', 'customer', $1,
            CASE WHEN g % 5 = 0 THEN 'en' ELSE 'ja' END
       FROM generate_series(1, $2::int) g
     RETURNING email`,
    [org!.id, count],
  )) as Array<{ email: string }>;
  await db.destroy();
  return rows.map((row) => row.email).sort();
}
