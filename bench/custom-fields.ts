// Custom-field answers for the list benchmark on the `big` shop: a select field with four options answered by every
// customer (1 %, 25 %, 35 %, 39 %) and a number field (0..999) answered by half of them. Created once, set-based,
// as the database owner; later runs find them in place and only read the option ids back.
import type pg from "pg";

export const BENCH_SELECT_KEY = "bench_tier";
export const BENCH_NUMBER_KEY = "bench_score";

export interface CustomFieldFixture {
  rare: { option: string; n: number };
  common: { option: string; n: number };
  numberRange: { min: number; max: number; n: number };
  /** Seconds spent writing answers in this run (0 when they were already there). */
  seconds: number;
}

export async function customFieldFixture(admin: pg.Client, merchantId: string): Promise<CustomFieldFixture> {
  const started = Date.now();
  await admin.query("BEGIN");
  try {
    // Writing a million answers the first time takes longer than the bench's per-statement limit.
    await admin.query("SET LOCAL statement_timeout = '10min'");
    await admin.query(
      `INSERT INTO custom_fields (merchant_id, key, name, type, sort_order, visibility, updated_at)
       VALUES ($1, $2, '{"en": "Tier (benchmark)"}', 'select', 900, 'dashboard', now()), ($1, $3, '{"en": "Score (benchmark)"}', 'number', 901, 'dashboard', now())
       ON CONFLICT (merchant_id, key) DO NOTHING`,
      [merchantId, BENCH_SELECT_KEY, BENCH_NUMBER_KEY],
    );
    const { rows: fields } = await admin.query<{ id: string; key: string }>(`SELECT id::text, key FROM custom_fields WHERE merchant_id = $1 AND key = ANY ($2)`, [
      merchantId,
      [BENCH_SELECT_KEY, BENCH_NUMBER_KEY],
    ]);
    const selectId = fields.find((f) => f.key === BENCH_SELECT_KEY)!.id;
    const numberId = fields.find((f) => f.key === BENCH_NUMBER_KEY)!.id;
    await admin.query(
      `INSERT INTO custom_field_options (merchant_id, field_id, label, sort_order)
       SELECT $1, $2, jsonb_build_object('en', 'Option ' || n), n FROM generate_series(0, 3) n
        WHERE NOT EXISTS (SELECT 1 FROM custom_field_options o WHERE o.merchant_id = $1 AND o.field_id = $2)`,
      [merchantId, selectId],
    );
    const { rows: options } = await admin.query<{ id: string }>(`SELECT id::text FROM custom_field_options WHERE merchant_id = $1 AND field_id = $2 ORDER BY sort_order`, [
      merchantId,
      selectId,
    ]);
    const optionIds = options.map((o) => o.id);
    const answered = async (fieldId: string) =>
      Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM custom_field_values WHERE merchant_id = $1 AND field_id = $2`, [merchantId, fieldId])).rows[0]!.n);
    const customers = Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM customers WHERE merchant_id = $1`, [merchantId])).rows[0]!.n);
    let wrote = false;
    if ((await answered(selectId)) < customers) {
      // Buckets by a hash of the id, so each option is spread over every sort order of the list.
      await admin.query(
        `INSERT INTO custom_field_values (merchant_id, field_id, customer_id, option_ids)
         SELECT $1, $2, c.id, ARRAY[($3::uuid[])[CASE WHEN b = 0 THEN 1 WHEN b <= 25 THEN 2 WHEN b <= 60 THEN 3 ELSE 4 END]]
           FROM customers c CROSS JOIN LATERAL (SELECT abs(hashint8(c.id)) % 100 AS b) h
          WHERE c.merchant_id = $1
         ON CONFLICT DO NOTHING`,
        [merchantId, selectId, optionIds],
      );
      wrote = true;
    }
    if ((await answered(numberId)) === 0) {
      await admin.query(
        `INSERT INTO custom_field_values (merchant_id, field_id, customer_id, number_value)
         SELECT $1, $2, c.id, abs(hashint8(c.id * 31)) % 1000 FROM customers c
          WHERE c.merchant_id = $1 AND abs(hashint8(c.id * 7)) % 2 = 0
         ON CONFLICT DO NOTHING`,
        [merchantId, numberId],
      );
      wrote = true;
    }
    await admin.query("COMMIT");
    if (wrote) await admin.query("VACUUM ANALYZE custom_field_values");
    const chose = async (option: string) =>
      Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM custom_field_values WHERE merchant_id = $1 AND field_id = $2 AND option_ids @> ARRAY[$3::uuid]`, [merchantId, selectId, option])).rows[0]!.n);
    const numberRange = { min: 100, max: 199 };
    const inRange = Number(
      (
        await admin.query<{ n: string }>(`SELECT count(*) AS n FROM custom_field_values WHERE merchant_id = $1 AND field_id = $2 AND number_value BETWEEN $3 AND $4`, [
          merchantId,
          numberId,
          numberRange.min,
          numberRange.max,
        ])
      ).rows[0]!.n,
    );
    return {
      rare: { option: optionIds[0]!, n: await chose(optionIds[0]!) },
      common: { option: optionIds[1]!, n: await chose(optionIds[1]!) },
      numberRange: { ...numberRange, n: inRange },
      seconds: wrote ? (Date.now() - started) / 1000 : 0,
    };
  } catch (error) {
    await admin.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
