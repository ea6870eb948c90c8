import { parseWithZod } from "@conform-to/zod";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionFields, CriteriaSchema, type Criteria } from "~/modules/groups/criteria";
import { groupFormSchema } from "~/modules/groups/form";
import {
  enumValues,
  fieldCategories,
  fieldKind,
  fromCriteria,
  issuesByNode,
  locateIssue,
  newCondition,
  operatorsFor,
  removeNode,
  toCriteria,
  valueShape,
  withField,
  withOperator,
  type DraftCondition,
  type DraftGroup,
  type DraftNode,
} from "./criteria-model";

const allFields = fieldCategories.flatMap((c) => [...c.fields]);
let ids = 0;
const id = () => `t${(ids += 1)}`;

/** What staff can put into one condition of the builder: every field, every operator it offers, sensible input. */
const draftCondition: fc.Arbitrary<DraftCondition> = fc.constantFrom(...allFields).chain((field) =>
  fc.constantFrom(...operatorsFor(field)).chain((op) => {
    const base = { ...newCondition(field, "x"), op };
    const kind = fieldKind(field);
    if (kind === "product") {
      return fc.record({ value: fc.integer({ min: 0, max: 9 }), within: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }) }).map(({ value, within }) => ({
        ...base,
        product: "SKU-1",
        value: String(value),
        withinDays: within === null ? "" : String(within),
      }));
    }
    const numeric = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0.5, 10.25, 1500.99)).map(String);
    switch (valueShape(field, op)) {
      case "none":
        return fc.constant(base);
      case "range":
        return fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 100, max: 5000 })).map(([a, b]) => ({ ...base, value: String(a), value2: String(b) }));
      case "days":
        return fc.integer({ min: 0, max: 366 }).map((n) => ({ ...base, value: String(n) }));
      case "time":
        return fc.constantFrom("09:30", "18:00").map((value) => ({ ...base, value }));
      case "date":
        return fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => ({ ...base, value: d.toISOString().slice(0, 10) }));
      case "list":
        return kind === "enum"
          ? fc.subarray([...enumValues(field)], { minLength: 1 }).map((values) => ({ ...base, values }))
          : fc.uniqueArray(fc.constantFrom("GR", "Αθήνα", "Москва", "تهران", "105 57"), { minLength: 1, maxLength: 3 }).map((values) => ({ ...base, values }));
      case "single":
        if (kind === "enum") return fc.constantFrom(...enumValues(field)).map((value) => ({ ...base, value }));
        if (kind === "text") return fc.constantFrom("GR", "Αθήνα", "example.com").map((value) => ({ ...base, value }));
        return numeric.map((value) => ({ ...base, value }));
    }
  }),
);

const draftNode: fc.Arbitrary<DraftNode> = fc.letrec<{ node: DraftNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", maxDepth: 4, withCrossShrink: true },
    draftCondition,
    fc.record({ id: fc.constant("x"), type: fc.constantFrom("and" as const, "or" as const), children: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ id: fc.constant("x"), type: fc.constant("not" as const), child: tie("node") }),
  ),
})).node;

describe("criteria builder model", () => {
  it("offers every field of the criteria language exactly once", () => {
    // Custom fields are offered one by one from the shop's definitions (as "custom:<id>"), not in a category.
    expect([...allFields, "custom_field"].sort()).toEqual([...conditionFields].sort());
  });

  it("whatever staff build from the offered fields, operators and inputs is valid criteria, and reads back unchanged", () => {
    fc.assert(
      fc.property(fc.array(draftNode, { minLength: 1, maxLength: 3 }), fc.constantFrom("and" as const, "or" as const), (children, type) => {
        const draft: DraftGroup = { id: "r", type, children };
        const parsed = CriteriaSchema.safeParse(toCriteria(draft));
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        const criteria = parsed.data as Criteria;
        expect(CriteriaSchema.parse(toCriteria(fromCriteria(criteria)))).toEqual(criteria);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves out what is not typed yet, so the schema says it is required", () => {
    const draft: DraftGroup = { id: "r", type: "or", children: [newCondition("total_spent", "a"), { ...newCondition("orders_count", "b"), op: "between", value: "3" }] };
    const result = CriteriaSchema.safeParse(toCriteria(draft));
    const issues = result.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "root.children.0.value", message: "required" },
        { path: "root.children.1.value.1", message: "required" },
      ]),
    );
  });

  it("places issues from zod and from conform on the node they are about", () => {
    const inner = { ...newCondition("last_order_date", "c"), op: "before", value: "2026-13-45" };
    const draft: DraftGroup = {
      id: "r",
      type: "and",
      children: [newCondition("total_spent", "a"), { id: "n", type: "not", child: { id: "g", type: "or", children: [newCondition("city", "b"), inner] } }],
    };
    expect(locateIssue(draft, ["root", "children", 1, "child", "children", 1, "value"])).toEqual({ nodeId: "c", part: "value" });
    expect(locateIssue(draft, "criteria.root.children[1].child.children[0].value")).toEqual({ nodeId: "b", part: "value" });
    expect(locateIssue(draft, "criteria.root.children.0.value")).toEqual({ nodeId: "a", part: "value" });
    expect(locateIssue(draft, "criteria.root.children[1]")).toEqual({ nodeId: "n", part: "" });
    expect(locateIssue(draft, "criteria.root")).toEqual({ nodeId: "r", part: "" });
    expect(locateIssue(draft, "criteria")).toEqual({ nodeId: null, part: "" });
    // An index past the end stops at the last node that exists.
    expect(locateIssue(draft, "criteria.root.children[7].value")).toEqual({ nodeId: "r", part: "children.7.value" });

    const result = CriteriaSchema.safeParse(toCriteria(draft));
    const byNode = issuesByNode(draft, result.error!.issues);
    expect(byNode.get("c")).toEqual([{ part: "value", message: "date" }]);
    expect(byNode.get("a")).toEqual([{ part: "value", message: "required" }]);
  });

  it("the group form takes the tree as JSON, and its errors name the node", () => {
    const formData = new FormData();
    formData.set("name.en", "VIP");
    formData.set("kind", "automatic");
    const tree: DraftGroup = {
      id: "r",
      type: "or",
      children: [
        { ...newCondition("total_spent", "a"), value: "1500" },
        { ...newCondition("orders_count", "b"), op: "between", value: "9", value2: "2" },
      ],
    };
    formData.set("criteria", JSON.stringify(toCriteria(tree)));
    const failed = parseWithZod(formData, { schema: groupFormSchema("en") }).reply();
    const names = Object.keys(failed.error ?? {});
    expect(names).toEqual(["criteria.root.children[1].value"]);
    expect(failed.error!["criteria.root.children[1].value"]).toEqual(["rangeOrder"]);
    expect(locateIssue(tree, names[0]!)).toEqual({ nodeId: "b", part: "value" });

    tree.children[1] = { ...(tree.children[1] as DraftCondition), value: "2", value2: "9" };
    formData.set("criteria", JSON.stringify(toCriteria(tree)));
    formData.set("isDefault", "on");
    const saved = parseWithZod(formData, { schema: groupFormSchema("en") });
    expect(saved.status).toBe("success");
    expect(saved.status === "success" && saved.value).toMatchObject({
      name: { en: "VIP" },
      isDefault: true,
      needsApproval: false,
      criteria: { version: 1, root: { type: "or", children: [{ field: "total_spent", op: "gt", value: 1500 }, { field: "orders_count", op: "between", value: [2, 9] }] } },
    });

    formData.set("criteria", "{not json");
    expect(Object.keys(parseWithZod(formData, { schema: groupFormSchema("en") }).reply().error ?? {})).toEqual(["criteria"]);
    formData.delete("criteria");
    expect(parseWithZod(formData, { schema: groupFormSchema("en") }).reply().error).toEqual({ criteria: ["criteriaRequired"] });
    formData.set("kind", "manual");
    expect(parseWithZod(formData, { schema: groupFormSchema("en") }).status).toBe("success");
  });

  it("changing the field starts the condition afresh; changing the operator keeps what still fits", () => {
    const spent = { ...newCondition("total_spent", "a"), value: "1500" };
    expect(withField(spent, "country")).toEqual({ ...newCondition("country", "a") });
    expect(withOperator(spent, "between")).toMatchObject({ op: "between", value: "1500", value2: "" });
    expect(withOperator(spent, "is_set")).toMatchObject({ op: "is_set", value: "", value2: "" });
    const city = { ...newCondition("city", "b"), value: "Αθήνα" };
    expect(withOperator(city, "in")).toMatchObject({ op: "in", values: ["Αθήνα"], value: "" });
    expect(withOperator({ ...city, op: "in", values: ["Αθήνα", "Πάτρα"], value: "" }, "eq")).toMatchObject({ op: "eq", value: "Αθήνα", values: [] });
    const date = { ...newCondition("last_order_date", "c"), op: "before", value: "2026-01-01" };
    expect(withOperator(date, "within_last")).toMatchObject({ op: "within_last", value: "" });
  });

  it("removing what a NOT wraps removes the NOT too", () => {
    const draft: DraftGroup = { id: "r", type: "and", children: [newCondition("city", id()), { id: "n", type: "not", child: newCondition("country", "c") }] };
    const after = removeNode(draft, "c") as DraftGroup;
    expect(after.children).toHaveLength(1);
    expect(after.children[0]).toMatchObject({ field: "city" });
  });
});
