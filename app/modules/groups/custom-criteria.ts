import type { CustomFieldType, FieldDefinition } from "~/modules/custom-fields/values";
import { message, z } from "~/modules/validation/messages";
import { CriteriaSchema, customConditionSchema, type CustomCondition } from "./criteria";

/** What criteria need of a field definition (also what the builder and explanations are given). */
export type CriteriaField = Pick<FieldDefinition, "id" | "key" | "name" | "type" | "location" | "options">;

const textOps = ["eq", "neq", "contains", "starts_with", "in", "not_in", "is_set", "is_not_set"];
const dateOps = ["within_last", "not_within_last", "before", "after", "is_set", "is_not_set"];

/** The operators each field type accepts, in the order the builder offers them (the first is the default). */
export const customOperators: Record<CustomFieldType, readonly string[]> = {
  text: textOps,
  textarea: textOps,
  email: textOps,
  phone: textOps,
  url: textOps,
  number: ["gt", "gte", "lt", "lte", "eq", "neq", "between", "is_set", "is_not_set"],
  date: dateOps,
  datetime: dateOps,
  time: ["before", "after", "eq", "is_set", "is_not_set"],
  select: ["in", "not_in", "is_set", "is_not_set"],
  radio: ["in", "not_in", "is_set", "is_not_set"],
  checkbox: ["has_any", "has_all", "has_none", "is_set", "is_not_set"],
  yesno: ["is_true", "is_false", "is_set", "is_not_set"],
};

/** Fields criteria can use: account fields (address answers are not kept in the values table, decision 010). */
export function usableFields<T extends Pick<CriteriaField, "location">>(fields: T[]) {
  return fields.filter((f) => f.location === "account");
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Issue {
  path: Array<string | number>;
  message: string;
}

function conditionIssues(condition: CustomCondition, field: CriteriaField | undefined): Issue[] {
  if (!field) return [{ path: ["fieldId"], message: message("groups:errors.customFieldUnknown") }];
  if (!customOperators[field.type].includes(condition.op)) return [{ path: ["op"], message: message("groups:errors.customFieldOperator") }];
  const value = "value" in condition ? condition.value : undefined;
  switch (field.type) {
    case "number":
      return (condition.op === "eq" || condition.op === "neq") && typeof value !== "number" ? [{ path: ["value"], message: message("number") }] : [];
    case "date":
    case "datetime":
      return (condition.op === "before" || condition.op === "after") && !DATE.test(String(value)) ? [{ path: ["value"], message: message("date") }] : [];
    case "time":
      return value !== undefined && typeof value !== "number" && !TIME.test(String(value)) ? [{ path: ["value"], message: message("time") }] : [];
    case "select":
    case "radio":
    case "checkbox": {
      const ids = new Set(field.options.map((o) => o.id));
      return ((value ?? []) as string[]).flatMap((id, i) => (ids.has(id.toLowerCase()) ? [] : [{ path: ["value", i], message: message("choose") }]));
    }
    case "yesno":
      return [];
    default:
      return typeof value === "number" ? [{ path: ["value"], message: message("invalid") }] : [];
  }
}

/** Issues of custom-field conditions against the shop's fields, at the path of each bad node (below `root`). */
export function customFieldIssues(root: unknown, fields: CriteriaField[]): Issue[] {
  const byId = new Map(usableFields(fields).map((f) => [f.id, f]));
  const out: Issue[] = [];
  const walk = (node: unknown, path: Array<string | number>) => {
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if ((n.type === "and" || n.type === "or") && Array.isArray(n.children)) n.children.forEach((c, i) => walk(c, [...path, "children", i]));
    else if (n.type === "not") walk(n.child, [...path, "child"]);
    else if (n.type === "condition" && n.field === "custom_field") {
      // A node the language itself refuses has been reported already.
      const parsed = customConditionSchema.safeParse(n);
      if (!parsed.success) return;
      const condition = parsed.data as CustomCondition;
      for (const issue of conditionIssues(condition, byId.get(condition.fieldId.toLowerCase()))) out.push({ path: [...path, ...issue.path], message: issue.message });
    }
  };
  walk(root, ["root"]);
  return out;
}

/** CriteriaSchema, and custom-field conditions judged against the shop's field definitions. */
export function criteriaSchemaFor(fields: CriteriaField[]) {
  return CriteriaSchema.superRefine((criteria, ctx) => {
    for (const issue of customFieldIssues(criteria.root, fields)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
  });
}
