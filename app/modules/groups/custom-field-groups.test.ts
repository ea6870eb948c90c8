import { describe, expect, it } from "vitest";
import { createShop, uniq } from "../../../tests/factories";
import { writeAnswers } from "~/modules/custom-fields/answers.server";
import { createField, deleteField } from "~/modules/custom-fields/custom-fields.server";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { updateCustomer } from "~/modules/customers/customers.server";
import { customerSchema } from "~/modules/customers/schemas";
import { withTenant } from "~/utils/db.server";
import { createGroup, groupSchemaFor } from "./groups.server";
import { evaluateCustomers, explainMemberships, reconcileShop, runRecompute } from "./membership.server";
import { groupSchema } from "./schemas";

const actor = { staffId: null, name: "test" };

async function shopWithSelectField(n: number) {
  const shop = await createShop();
  return withTenant(shop.merchant.id, async (db) => {
    const scope = { db, merchant: shop.merchant, actor };
    const input = customFieldSchema("en", { country: shop.merchant.country, timeZone: shop.merchant.timezone }).parse({
      key: `favourite_${uniq()}`,
      name: { en: "Favourite product type", fa: "نوع محصول مورد علاقه" },
      type: "select",
      options: [{ label: { en: "Shoes", fa: "کفش" } }, { label: { en: "Bags", fa: "کیف" } }, { label: { en: "Hats", fa: "کلاه" } }],
    });
    const created = await createField(scope, input);
    if (!created.ok) throw new Error(created.error);
    const field = created.field;
    await db.customer.createMany({ data: Array.from({ length: n }, (_, i) => ({ merchantId: shop.merchant.id, firstName: "C", lastName: String(i), email: `c${i}-${uniq()}@example.test` })) });
    const ids = (await db.customer.findMany({ where: { merchantId: shop.merchant.id }, orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
    // Customer i chose option i % 4; 3 means no answer.
    await writeAnswers(
      db,
      shop.merchant.id,
      ids.flatMap((customerId, i) => (i % 4 === 3 ? [] : [{ customerId, field, value: field.options[i % 4]!.id }])),
    );
    return { shop, field, ids };
  });
}

describe("groups on a custom field", () => {
  it("a group on a select field fills by full recompute and follows a customer's changed answer incrementally", async () => {
    const { shop, field, ids } = await shopWithSelectField(20);
    const [shoes, bags] = field.options;
    const { group, recompute } = await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant, actor };
      const input = (await groupSchemaFor(scope)).parse({
        name: { en: "Shoe lovers" },
        kind: "automatic",
        criteria: { version: 1, root: { type: "condition", field: "custom_field", fieldId: field.id, op: "in", value: [shoes!.id] } },
      });
      return createGroup(scope, input);
    });
    await runRecompute(shop.merchant.id, recompute!.id);
    const members = () =>
      withTenant(shop.merchant.id, async (db) =>
        (await db.groupMember.findMany({ where: { merchantId: shop.merchant.id, groupId: group.id }, orderBy: { customerId: "asc" } })).map((m) => m.customerId),
      );
    const expected = ids.filter((_, i) => i % 4 === 0);
    expect(await members()).toEqual(expected);
    expect(await reconcileShop(shop.merchant.id)).toEqual({ added: 0, removed: 0 });

    const [why] = await withTenant(shop.merchant.id, (db) => explainMemberships({ db, merchant: shop.merchant }, expected[0]!));
    expect(why).toMatchObject({ groupId: group.id, reasons: [{ condition: { field: "custom_field", fieldId: field.id }, actual: [shoes!.id], held: true }] });

    // A customer with no answer chooses Shoes; one who chose Shoes switches to Bags.
    const joiner = ids[3]!;
    const leaver = ids[4]!;
    const save = (id: bigint, value: string | null) =>
      withTenant(shop.merchant.id, async (db) => {
        const scope = { db, merchant: shop.merchant, actor };
        const customer = await db.customer.findFirstOrThrow({ where: { merchantId: shop.merchant.id, id } });
        const input = customerSchema(shop.merchant.country).parse({ firstName: customer.firstName, lastName: customer.lastName, email: customer.email });
        expect(await updateCustomer(scope, id, { ...input, customFields: { [field.key]: value } })).toEqual({ ok: true, id });
      });
    await save(joiner, shoes!.id);
    await save(leaver, bags!.id);
    // updateCustomer queued both re-evaluations; this is what the worker then runs for them.
    const changed = await withTenant(shop.merchant.id, (db) => evaluateCustomers({ db, merchant: shop.merchant }, [joiner, leaver]));
    expect(changed).toEqual({ added: 1, removed: 1 });
    expect(await members()).toEqual([...expected.filter((id) => id !== leaver), joiner].sort((a, b) => (a < b ? -1 : 1)));

    // Clearing the answer makes the condition false, as any missing value does.
    await save(joiner, null);
    expect(await withTenant(shop.merchant.id, (db) => evaluateCustomers({ db, merchant: shop.merchant }, [joiner]))).toEqual({ added: 0, removed: 1 });
    // And the full recompute agrees with the incremental path.
    expect(await reconcileShop(shop.merchant.id)).toEqual({ added: 0, removed: 0 });
  });

  it("refuses a condition on a field the shop does not have, or with an option of another field, at the node's path", async () => {
    const { shop, field } = await shopWithSelectField(1);
    const criteria = (fieldId: string, value: string[]) => ({
      version: 1,
      root: { type: "and", children: [{ type: "condition", field: "orders_count", op: "gt", value: 1 }, { type: "condition", field: "custom_field", fieldId, op: "in", value }] },
    });
    const issues = async (c: unknown) => {
      const schema = await withTenant(shop.merchant.id, (db) => groupSchemaFor({ db, merchant: shop.merchant }));
      const parsed = schema.safeParse({ name: { en: "G" }, kind: "automatic", criteria: c });
      return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(await issues(criteria(field.id, [field.options[0]!.id]))).toEqual([]);
    expect(await issues(criteria(field.id, ["00000000-0000-4000-8000-000000000bad"]))).toEqual([["criteria.root.children.1.value.0", "choose"]]);
    expect(await issues(criteria("00000000-0000-4000-8000-000000000bad", [field.options[0]!.id]))).toEqual([["criteria.root.children.1.fieldId", "groups:errors.customFieldUnknown"]]);
    // Without the shop's fields (e.g. another shop's), the same condition is refused.
    expect(groupSchema("en").safeParse({ name: { en: "G" }, kind: "automatic", criteria: criteria(field.id, [field.options[0]!.id]) }).success).toBe(false);
  });

  it("a field id sent in capitals is stored as the field's id, so the field cannot be deleted while the group uses it", async () => {
    const { shop, field } = await shopWithSelectField(1);
    const criteria = { version: 1, root: { type: "condition", field: "custom_field", fieldId: field.id.toUpperCase(), op: "in", value: [field.options[0]!.id] } };
    const result = await withTenant(shop.merchant.id, async (db) => {
      const scope = { db, merchant: shop.merchant, actor };
      const { group } = await createGroup(scope, (await groupSchemaFor(scope)).parse({ name: { en: "Shoe lovers" }, kind: "automatic", criteria }));
      return { stored: JSON.stringify(group.criteria), deleted: await deleteField(scope, field.id, { confirm: true }) };
    });
    expect(result.stored).toContain(`"fieldId":"${field.id}"`);
    expect(result.deleted).toEqual({ ok: false, error: "usedByGroups", groups: ["Shoe lovers"] });
  });
});
