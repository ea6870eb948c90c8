// Demo groups and custom fields for the demo shop: a few automatic groups the workers fill (VIP, not serious, happy,
// new, lost), a manual "Wholesale" group, and custom fields with answers, so every section has something to show.
// Only created when the shop has no groups / no fields yet, like the rest of the seed.
import { createField } from "~/modules/custom-fields/custom-fields.server";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { createGroup } from "~/modules/groups/groups.server";
import { addToGroup } from "~/modules/groups/membership.server";
import { groupSchema } from "~/modules/groups/schemas";
import { prisma, withTenant } from "~/utils/db.server";

const cond = (field: string, op: string, value?: unknown) => ({ type: "condition", field, op, ...(value === undefined ? {} : { value }) });

const GROUPS = [
  {
    name: { en: "VIP", el: "VIP", ru: "VIP", ar: "كبار العملاء", fa: "مشتریان ویژه" },
    color: "#b8860b",
    sortOrder: 10,
    root: { type: "or", children: [cond("total_spent", "gt", 1500), cond("orders_count", "gt", 10)] },
  },
  {
    name: { en: "Not serious", el: "Μη σοβαροί", ru: "Несерьёзные", ar: "غير جادين", fa: "غیرجدی" },
    color: "#c62828",
    sortOrder: 20,
    root: cond("cancelled_count", "gt", 2),
  },
  { name: { en: "Happy", el: "Ευχαριστημένοι", ru: "Довольные", ar: "راضون", fa: "راضی" }, color: "#2e7d32", sortOrder: 40, root: cond("last_rating", "gte", 4) },
  { name: { en: "New", el: "Νέοι", ru: "Новые", ar: "جدد", fa: "جدید" }, color: "#1565c0", sortOrder: 50, root: cond("signup_date", "within_last", 30) },
  {
    name: { en: "Lost", el: "Χαμένοι", ru: "Потерянные", ar: "مفقودون", fa: "از دست رفته" },
    color: "#6d4c41",
    sortOrder: 60,
    root: { type: "and", children: [cond("orders_count", "gte", 3), cond("last_order_date", "not_within_last", 90)] },
  },
];

const WHOLESALE = { name: { en: "Wholesale", el: "Χονδρική", ru: "Оптовые", ar: "الجملة", fa: "عمده‌فروشی" }, color: "#00838f", sortOrder: 30 };

const PRODUCT_TYPES = [
  { en: "Shoes", el: "Παπούτσια", ru: "Обувь", ar: "أحذية", fa: "کفش" },
  { en: "Bags", el: "Τσάντες", ru: "Сумки", ar: "حقائب", fa: "کیف" },
  { en: "Jewellery", el: "Κοσμήματα", ru: "Украшения", ar: "مجوهرات", fa: "جواهرات" },
  { en: "Clothing", el: "Ρούχα", ru: "Одежда", ar: "ملابس", fa: "پوشاک" },
];

export async function ensureGroupsAndFields(merchantId: string) {
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
  const actor = { staffId: null, name: "Demo seed" };
  await withTenant(merchantId, async (db) => {
    const scope = { db, merchant, actor };
    if ((await db.customerGroup.count({ where: { merchantId } })) === 0) {
      for (const g of GROUPS) {
        await createGroup(scope, groupSchema(merchant.defaultLocale).parse({ name: g.name, color: g.color, sortOrder: g.sortOrder, kind: "automatic", criteria: { version: 1, root: g.root } }));
      }
      const { group } = await createGroup(scope, groupSchema(merchant.defaultLocale).parse({ ...WHOLESALE, kind: "manual" }));
      const buyers = await db.customer.findMany({ where: { merchantId, approval: "approved" }, select: { id: true }, orderBy: { id: "asc" }, take: 40 });
      await addToGroup(scope, group.id, buyers.map((b) => b.id));
      console.log(`Added ${GROUPS.length + 1} customer groups to ${merchant.slug}`);
    }
    if ((await db.customField.count({ where: { merchantId } })) === 0) {
      const wholesale = await db.customerGroup.findFirst({ where: { merchantId, kind: "manual" }, select: { id: true } });
      const schema = customFieldSchema(merchant.defaultLocale, { country: merchant.country, timeZone: merchant.timezone });
      const favourite = await createField(
        scope,
        schema.parse({
          key: "favourite_product_type",
          name: { en: "Favourite product type", el: "Αγαπημένο είδος προϊόντος", ru: "Любимый тип товара", ar: "نوع المنتج المفضل", fa: "نوع محصول مورد علاقه" },
          type: "select",
          sortOrder: 10,
          options: PRODUCT_TYPES.map((label) => ({ label })),
        }),
      );
      await createField(
        scope,
        schema.parse({
          key: "company_tax_number",
          name: { en: "Company tax number", el: "ΑΦΜ εταιρείας", ru: "ИНН компании", ar: "الرقم الضريبي للشركة", fa: "شماره اقتصادی شرکت" },
          type: "text",
          sortOrder: 20,
          pattern: "\\d{9,12}",
          patternMessage: { en: "9 to 12 digits.", el: "9 έως 12 ψηφία.", ru: "От 9 до 12 цифр.", ar: "من 9 إلى 12 رقمًا.", fa: "۹ تا ۱۲ رقم." },
          requiredGroupIds: wholesale ? [wholesale.id] : [],
          visibility: "everywhere",
        }),
      );
      if (favourite.ok) {
        // Two customers in three answered; the answer follows the customer id, so re-seeding gives the same data.
        const options = favourite.field.options.map((o) => o.id);
        await db.$executeRaw`
          INSERT INTO custom_field_values (merchant_id, field_id, customer_id, option_ids)
          SELECT ${merchantId}::uuid, ${favourite.field.id}::uuid, c.id, ARRAY[(${options}::uuid[])[1 + (c.id * 7 % ${options.length})]]
            FROM customers c WHERE c.merchant_id = ${merchantId}::uuid AND c.id % 3 <> 0`;
      }
      if (wholesale) {
        await db.$executeRaw`
          INSERT INTO custom_field_values (merchant_id, field_id, customer_id, text_value)
          SELECT ${merchantId}::uuid, f.id, m.customer_id, lpad((100000000 + m.customer_id * 7919 % 899999999)::text, 9, '0')
            FROM group_members m JOIN custom_fields f ON f.merchant_id = m.merchant_id AND f.key = 'company_tax_number'
           WHERE m.merchant_id = ${merchantId}::uuid AND m.group_id = ${wholesale.id}::uuid`;
      }
      console.log(`Added 2 custom fields with answers to ${merchant.slug}`);
    }
  });
}
