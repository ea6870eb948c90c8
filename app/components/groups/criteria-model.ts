import {
  booleanFields,
  CRITERIA_VERSION,
  dateFields,
  enumFields,
  nullableFields,
  numberFields,
  textFields,
  type Criteria,
  type CriteriaNode,
} from "~/modules/groups/criteria";
import { customOperators, type CriteriaField } from "~/modules/groups/custom-criteria";
import { textTypes, type CustomFieldType } from "~/modules/custom-fields/values";

/**
 * The criteria builder's working copy of a tree. Inputs keep what staff typed (strings), so a half-typed number is not
 * lost; toCriteria() turns it into the criteria language and CriteriaSchema judges it, the same as on the server.
 * The draft has the shape of the criteria it produces, so an issue path such as `root.children.1.value` leads to a
 * node of the draft.
 */
export interface DraftCondition {
  id: string;
  type: "condition";
  field: string;
  op: string;
  value: string;
  value2: string;
  values: string[];
  product: string;
  withinDays: string;
  /** For field "custom_field": which field, and its type (null when the shop no longer has it). */
  fieldId: string;
  customType: CustomFieldType | null;
}
export interface DraftGroup {
  id: string;
  type: "and" | "or";
  children: DraftNode[];
}
export interface DraftNot {
  id: string;
  type: "not";
  child: DraftNode;
}
export type DraftNode = DraftCondition | DraftGroup | DraftNot;

export type FieldKind = "number" | "money" | "date" | "enum" | "text" | "boolean" | "birthday" | "product" | "time" | "choice" | "custom";

export const fieldCategories = [
  { key: "orders", fields: ["total_spent", "orders_count", "completed_count", "cancelled_count", "avg_order_value", "has_no_orders", "product"] },
  { key: "dates", fields: ["last_order_date", "first_order_date", "signup_date", "birthday"] },
  { key: "profile", fields: ["gender", "age", "language", "status", "approval", "newsletter", "email_domain"] },
  { key: "address", fields: ["country", "region", "city", "postcode"] },
  { key: "other", fields: ["last_rating", "shared_ip_count"] },
] as const;

const moneyFields = new Set<string>(["total_spent", "avg_order_value"]);

/** Custom fields in the field select are "custom:<id>", so one select holds both kinds of field. */
export const CUSTOM_PREFIX = "custom:";
export const fieldChoice = (c: Pick<DraftCondition, "field" | "fieldId">) => (c.field === "custom_field" ? `${CUSTOM_PREFIX}${c.fieldId}` : c.field);

function customKind(type: CustomFieldType | null | undefined): FieldKind {
  if (!type) return "custom";
  if (type === "number") return "number";
  if (type === "date" || type === "datetime") return "date";
  if (type === "time") return "time";
  if (type === "yesno") return "boolean";
  if (textTypes.has(type)) return "text";
  return "choice";
}

export function fieldKind(field: string, customType?: CustomFieldType | null): FieldKind {
  if (field === "custom_field") return customKind(customType);
  if (moneyFields.has(field)) return "money";
  if ((numberFields as readonly string[]).includes(field)) return "number";
  if ((dateFields as readonly string[]).includes(field)) return "date";
  if (field in enumFields) return "enum";
  if ((textFields as readonly string[]).includes(field)) return "text";
  if ((booleanFields as readonly string[]).includes(field)) return "boolean";
  if (field === "birthday") return "birthday";
  return "product";
}

export function enumValues(field: string): readonly string[] {
  return (enumFields as Record<string, readonly string[]>)[field] ?? [];
}

const presence = (field: string) => (nullableFields.has(field) ? ["is_set", "is_not_set"] : []);

/** The operators a field accepts, in the order the builder offers them (the first is the default). */
export function operatorsFor(field: string, customType?: CustomFieldType | null): string[] {
  if (field === "custom_field") return customType ? [...customOperators[customType]] : ["is_set", "is_not_set"];
  switch (fieldKind(field)) {
    case "number":
    case "money":
      return ["gt", "gte", "lt", "lte", "eq", "neq", "between", ...presence(field)];
    case "date":
      return ["within_last", "not_within_last", "before", "after", ...presence(field)];
    case "text":
      return ["eq", "neq", "contains", "starts_with", "in", "not_in", ...presence(field)];
    case "enum":
      return ["eq", "neq", "in", "not_in", ...presence(field)];
    case "boolean":
      return ["is_true", "is_false"];
    case "birthday":
      return ["within_next_days", "this_month"];
    default:
      return ["gte", "gt", "eq", "neq", "lt", "lte"];
  }
}

export type ValueShape = "none" | "single" | "range" | "list" | "days" | "date" | "time";

export function valueShape(field: string, op: string, customType?: CustomFieldType | null): ValueShape {
  if (["is_set", "is_not_set", "is_true", "is_false", "this_month"].includes(op)) return "none";
  if (op === "between") return "range";
  if (["in", "not_in", "has_any", "has_all", "has_none"].includes(op)) return "list";
  if (op === "within_last" || op === "not_within_last" || op === "within_next_days") return "days";
  const kind = fieldKind(field, customType);
  if (kind === "date") return "date";
  if (kind === "time") return "time";
  return "single";
}

let counter = 0;
/** Ids for nodes added in the browser; nodes read from saved criteria get ids from their position instead. */
export function newId() {
  counter += 1;
  return `n${Date.now().toString(36)}${counter}`;
}

export function newCondition(field = "total_spent", id = newId(), custom?: { id: string; type: CustomFieldType | null } | null): DraftCondition {
  const customType = field === "custom_field" ? (custom?.type ?? null) : null;
  return { id, type: "condition", field, op: operatorsFor(field, customType)[0]!, value: "", value2: "", values: [], product: "", withinDays: "", fieldId: custom?.id ?? "", customType };
}

export function newGroup(type: "and" | "or" = "and", id = newId()): DraftGroup {
  return { id, type, children: [newCondition()] };
}

/** A condition switched to another field (a built-in name or "custom:<id>") keeps nothing that would not fit it. */
export function withField(condition: DraftCondition, choice: string, fields: readonly CriteriaField[] = []): DraftCondition {
  if (!choice.startsWith(CUSTOM_PREFIX)) return { ...newCondition(choice, condition.id) };
  const field = fields.find((f) => f.id === choice.slice(CUSTOM_PREFIX.length));
  return newCondition("custom_field", condition.id, field ?? { id: choice.slice(CUSTOM_PREFIX.length), type: null });
}

export function withOperator(condition: DraftCondition, op: string): DraftCondition {
  const before = valueShape(condition.field, condition.op, condition.customType);
  const after = valueShape(condition.field, op, condition.customType);
  const c = { ...condition, op };
  if (after === "list") return { ...c, values: before === "list" ? c.values : c.value.trim() ? [c.value.trim()] : [], value: "", value2: "" };
  if (before === "list") return { ...c, value: after === "single" ? (c.values[0] ?? "") : "", value2: "", values: [] };
  const numeric = (shape: ValueShape) => shape === "single" || shape === "range";
  if (before === after || (numeric(before) && numeric(after))) return { ...c, value2: after === "range" ? c.value2 : "" };
  return { ...c, value: "", value2: "" };
}

const number = (text: string): number | string | undefined => {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};
const text = (value: string) => (value.trim() === "" ? undefined : value);

function conditionToCriteria(c: DraftCondition): Record<string, unknown> {
  const base = { type: "condition", field: c.field, ...(c.field === "custom_field" ? { fieldId: c.fieldId } : {}), op: c.op };
  const kind = fieldKind(c.field, c.customType);
  if (kind === "product") {
    return { ...base, product: text(c.product), value: number(c.value), withinDays: c.withinDays.trim() === "" ? null : number(c.withinDays) };
  }
  switch (valueShape(c.field, c.op, c.customType)) {
    case "none":
      return base;
    case "range":
      return { ...base, value: [number(c.value) ?? null, number(c.value2) ?? null] };
    case "list":
      return { ...base, value: c.values };
    case "days":
      return { ...base, value: number(c.value) };
    case "date":
    case "time":
      return { ...base, value: text(c.value) };
    case "single":
      return { ...base, value: kind === "number" || kind === "money" ? number(c.value) : text(c.value) };
  }
}

function nodeToCriteria(node: DraftNode): unknown {
  switch (node.type) {
    case "and":
    case "or":
      return { type: node.type, children: node.children.map(nodeToCriteria) };
    case "not":
      return { type: "not", child: nodeToCriteria(node.child) };
    default:
      return conditionToCriteria(node);
  }
}

/** The criteria the draft stands for, to validate with CriteriaSchema and to submit as JSON. */
export function toCriteria(root: DraftNode): { version: number; root: unknown } {
  return { version: CRITERIA_VERSION, root: nodeToCriteria(root) };
}

const show = (value: unknown) => (value === undefined || value === null ? "" : String(value));

function nodeFromCriteria(node: CriteriaNode, id: string, fields: readonly CriteriaField[]): DraftNode {
  switch (node.type) {
    case "and":
    case "or":
      return { id, type: node.type, children: node.children.map((c, i) => nodeFromCriteria(c, `${id}-${i}`, fields)) };
    case "not":
      return { id, type: "not", child: nodeFromCriteria(node.child, `${id}-n`, fields) };
    default: {
      const condition =
        node.field === "custom_field"
          ? { ...newCondition("custom_field", id, fields.find((f) => f.id === node.fieldId.toLowerCase())), fieldId: node.fieldId }
          : newCondition(node.field, id);
      condition.op = node.op;
      const value = "value" in node ? node.value : undefined;
      if (Array.isArray(value)) {
        if (node.op === "between") {
          condition.value = show(value[0]);
          condition.value2 = show(value[1]);
        } else condition.values = value.map(String);
      } else condition.value = show(value);
      if (node.field === "product") {
        condition.product = node.product;
        condition.withinDays = show(node.withinDays);
      }
      return condition;
    }
  }
}

/** The draft of saved criteria; the top is always an AND/OR group, so there is somewhere to add conditions. */
export function fromCriteria(criteria: Criteria | null, fields: readonly CriteriaField[] = []): DraftGroup {
  if (!criteria) return { id: "r", type: "and", children: [newCondition("total_spent", "r-0")] };
  const root = nodeFromCriteria(criteria.root, "r", fields);
  return root.type === "and" || root.type === "or" ? root : { id: "top", type: "and", children: [root] };
}

export function mapNode(node: DraftNode, id: string, change: (node: DraftNode) => DraftNode): DraftNode {
  if (node.id === id) return change(node);
  if (node.type === "and" || node.type === "or") {
    const children = node.children.map((c) => mapNode(c, id, change));
    return children.some((c, i) => c !== node.children[i]) ? { ...node, children } : node;
  }
  if (node.type === "not") {
    const child = mapNode(node.child, id, change);
    return child === node.child ? node : { ...node, child };
  }
  return node;
}

/** Removes a node; a NOT whose content is removed goes with it. */
export function removeNode(node: DraftNode, id: string): DraftNode {
  if (node.type === "and" || node.type === "or") {
    const children = node.children.filter((c) => c.id !== id && !(c.type === "not" && c.child.id === id)).map((c) => removeNode(c, id));
    return { ...node, children };
  }
  if (node.type === "not") return { ...node, child: removeNode(node.child, id) };
  return node;
}

export function depthOf(node: DraftNode): number {
  if (node.type === "and" || node.type === "or") return 1 + Math.max(0, ...node.children.map(depthOf));
  if (node.type === "not") return 1 + depthOf(node.child);
  return 1;
}

/** How deep a node sits (the root is 1), to stop staff nesting past MAX_DEPTH. */
export function levels(root: DraftNode): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (node: DraftNode, level: number) => {
    out.set(node.id, level);
    if (node.type === "and" || node.type === "or") node.children.forEach((c) => walk(c, level + 1));
    else if (node.type === "not") walk(node.child, level + 1);
  };
  walk(root, 1);
  return out;
}

/** Conditions and groups numbered in reading order, for their accessible names ("Condition 2"). */
export function numbering(root: DraftNode): Map<string, number> {
  const out = new Map<string, number>();
  let conditions = 0;
  let groups = 0;
  const walk = (node: DraftNode) => {
    if (node.type === "condition") out.set(node.id, (conditions += 1));
    else if (node.type === "not") walk(node.child);
    else {
      out.set(node.id, (groups += 1));
      node.children.forEach(walk);
    }
  };
  walk(root);
  return out;
}

/** "criteria.root.children[1].value" (conform) or "criteria.root.children.1.value" (zod) as path segments. */
export function pathSegments(name: string | ReadonlyArray<string | number>): Array<string | number> {
  const parts = typeof name === "string" ? name.replace(/\[(\d+)\]/g, ".$1").split(".").filter(Boolean) : [...name];
  return parts.map((p) => (typeof p === "string" && /^\d+$/.test(p) ? Number(p) : p));
}

export interface IssueTarget {
  /** The node the issue belongs to; null for the criteria as a whole. */
  nodeId: string | null;
  /** What inside the node: "value", "value.1", "product", "children"…; "" for the node itself. */
  part: string;
}

/** Follows an issue path through the draft to the node it is about. */
export function locateIssue(root: DraftNode, path: string | ReadonlyArray<string | number>): IssueTarget {
  const segments = pathSegments(path);
  if (segments[0] === "criteria") segments.shift();
  if (segments[0] === "version") return { nodeId: null, part: "" };
  if (segments[0] !== "root") return { nodeId: null, part: segments.join(".") };
  let node: DraftNode = root;
  let i = 1;
  for (;;) {
    const next: DraftNode | undefined =
      (node.type === "and" || node.type === "or") && segments[i] === "children" && typeof segments[i + 1] === "number"
        ? node.children[segments[i + 1] as number]
        : node.type === "not" && segments[i] === "child"
          ? node.child
          : undefined;
    if (!next) break;
    i += segments[i] === "child" ? 1 : 2;
    node = next;
  }
  return { nodeId: node.id, part: segments.slice(i).join(".") };
}

export interface NodeIssue {
  part: string;
  message: string;
}

/** Issues (by path) gathered per node id; issues about the criteria as a whole under the key "". */
export function issuesByNode(root: DraftNode, issues: Array<{ path: string | ReadonlyArray<string | number>; message: string }>) {
  const out = new Map<string, NodeIssue[]>();
  for (const issue of issues) {
    const { nodeId, part } = locateIssue(root, issue.path);
    const key = nodeId ?? "";
    const list = out.get(key) ?? [];
    if (!list.some((x) => x.part === part && x.message === issue.message)) list.push({ part, message: issue.message });
    out.set(key, list);
  }
  return out;
}
