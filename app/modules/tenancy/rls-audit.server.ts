import type pg from "pg";

export interface TenantTable {
  name: string;
  rls: boolean;
  forced: boolean;
  policies: number;
}

/** Tenant tables are found from the catalog: every table with a merchant_id column. */
export async function listTenantTables(client: pg.Client | pg.PoolClient): Promise<TenantTable[]> {
  const { rows } = await client.query<{ name: string; rls: boolean; forced: boolean; policies: string }>(`
    SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
           (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'merchant_id' AND NOT a.attisdropped)
     ORDER BY c.relname`);
  return rows.map((r) => ({ ...r, policies: Number(r.policies) }));
}

/** Tables that are not protected: RLS off, not forced, or without a policy. */
export function rlsGaps(tables: TenantTable[]) {
  return tables.filter((t) => !t.rls || !t.forced || t.policies === 0).map((t) => t.name);
}
