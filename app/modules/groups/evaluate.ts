import {
  addDays,
  DAY_MS,
  fold,
  startOfLocalDay,
  type BuiltInCondition,
  type Clock,
  type Condition,
  type CriteriaNode,
  type CustomAnswer,
  type CustomCondition,
  type CustomerFacts,
} from "./criteria";

export type Actual = number | string | boolean | string[] | null;

/** A field's value for one customer, in the units the criteria use (money in cents, dates as instants). */
export function actualValue(condition: Condition, facts: CustomerFacts, clock: Clock): Actual | Date {
  switch (condition.field) {
    case "custom_field":
      return customAnswer(condition, facts)?.value ?? null;
    case "orders_count":
      return facts.ordersCount;
    case "completed_count":
      return facts.completedCount;
    case "cancelled_count":
      return facts.cancelledCount;
    case "total_spent":
      return facts.totalSpentCents;
    case "avg_order_value":
      return facts.avgOrderValueCents;
    case "last_rating":
      return facts.lastRating;
    case "age":
      return facts.birthDate ? age(facts.birthDate, clock.today) : null;
    case "shared_ip_count":
      return facts.sharedIpCount;
    case "last_order_date":
      return facts.lastOrderAt;
    case "first_order_date":
      return facts.firstOrderAt;
    case "signup_date":
      return facts.createdAt;
    case "gender":
      return facts.gender;
    case "status":
      return facts.status;
    case "approval":
      return facts.approval;
    case "language":
      return facts.locale;
    case "country":
      return facts.address?.country ?? null;
    case "region":
      return facts.address?.region ?? null;
    case "city":
      return facts.address?.city ?? null;
    case "postcode":
      return facts.address?.postcode ?? null;
    case "email_domain":
      return facts.email.toLowerCase().split("@")[1] ?? "";
    case "has_no_orders":
      return facts.ordersCount === 0;
    case "newsletter":
      return facts.newsletter;
    case "birthday":
      return facts.birthDate ? daysUntilBirthday(facts.birthDate, clock.today) : null;
    case "product": {
      const since = condition.withinDays === null ? null : clock.now.getTime() - condition.withinDays * DAY_MS;
      return facts.purchases
        .filter((p) => p.productRef === condition.product && (since === null || p.at.getTime() > since))
        .reduce((sum, p) => sum + p.quantity, 0);
    }
  }
}

export function age(birthDate: string, today: string) {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function birthdayIn(year: number, month: number, day: number) {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1, Math.min(day, last))).toISOString().slice(0, 10);
}

/** Days from today to the next birthday (0 on the day); 29 February falls on the 28th in common years. */
export function daysUntilBirthday(birthDate: string, today: string) {
  const [, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const ty = Number(today.slice(0, 4));
  let next = birthdayIn(ty, bm, bd);
  if (next < today) next = birthdayIn(ty + 1, bm, bd);
  return Math.round((Date.parse(next) - Date.parse(today)) / DAY_MS);
}

const compare = (op: "eq" | "neq" | "lt" | "lte" | "gt" | "gte", a: number, b: number) =>
  op === "eq" ? a === b : op === "neq" ? a !== b : op === "lt" ? a < b : op === "lte" ? a <= b : op === "gt" ? a > b : a >= b;

const cents = (value: number) => Math.round(value * 100);

const customAnswer = (condition: CustomCondition, facts: CustomerFacts): CustomAnswer | undefined => facts.customFields[condition.fieldId.toLowerCase()];

/** A custom-field condition, judged by the kind of the stored answer as compile.server.ts judges it by its column. */
export function evaluateCustom(condition: CustomCondition, answer: CustomAnswer | undefined, clock: Clock): boolean {
  if (condition.op === "is_set" || condition.op === "is_not_set") return (answer !== undefined) === (condition.op === "is_set");
  if (!answer) return false;
  const { kind, value } = answer;
  switch (condition.op) {
    case "is_true":
    case "is_false":
      return kind === "bool" && value === (condition.op === "is_true");
    case "contains":
      return kind === "text" && fold(value).includes(fold(condition.value));
    case "starts_with":
      return kind === "text" && fold(value).startsWith(fold(condition.value));
    case "in":
    case "not_in": {
      const wanted = condition.value.map(fold);
      const found = kind === "text" ? wanted.includes(fold(value)) : kind === "options" ? value.some((id) => wanted.includes(id)) : null;
      return found === null ? false : condition.op === "in" ? found : !found;
    }
    case "has_any":
    case "has_all":
    case "has_none": {
      if (kind !== "options") return false;
      const wanted = condition.value.map(fold);
      if (condition.op === "has_all") return wanted.every((id) => value.includes(id));
      return value.some((id) => wanted.includes(id)) === (condition.op === "has_any");
    }
    case "before":
    case "after": {
      const before = condition.op === "before";
      if (condition.value.includes(":")) return kind === "text" && (before ? value < condition.value : value > condition.value);
      if (kind === "date") return before ? value < condition.value : value > condition.value;
      if (kind !== "datetime") return false;
      return before
        ? value.getTime() < startOfLocalDay(condition.value, clock.timeZone).getTime()
        : value.getTime() >= startOfLocalDay(addDays(condition.value, 1), clock.timeZone).getTime();
    }
    case "within_last":
    case "not_within_last": {
      const within = condition.op === "within_last";
      if (kind === "date") return value > addDays(clock.today, -condition.value) === within;
      if (kind !== "datetime") return false;
      return value.getTime() > clock.now.getTime() - condition.value * DAY_MS === within;
    }
    case "between":
      return kind === "number" && value >= condition.value[0] && value <= condition.value[1];
    default: {
      const { op, value: wanted } = condition as Extract<CustomCondition, { op: "eq" | "lt" }>;
      if (typeof wanted === "string") {
        if (kind !== "text") return false;
        const equal = fold(value) === fold(wanted);
        return op === "eq" ? equal : op === "neq" ? !equal : false;
      }
      return kind === "number" && compare(op, value, wanted);
    }
  }
}

export function evaluateCondition(condition: Condition, facts: CustomerFacts, clock: Clock): boolean {
  if (condition.field === "custom_field") return evaluateCustom(condition, customAnswer(condition, facts), clock);
  return evaluateBuiltIn(condition, facts, clock);
}

function evaluateBuiltIn(condition: BuiltInCondition, facts: CustomerFacts, clock: Clock): boolean {
  const actual = actualValue(condition, facts, clock);
  if (condition.op === "is_set") return actual !== null;
  if (condition.op === "is_not_set") return actual === null;
  if (actual === null) return false;
  const money = condition.field === "total_spent" || condition.field === "avg_order_value";
  const scale = (v: number) => (money ? cents(v) : v);
  switch (condition.op) {
    case "is_true":
      return actual === true;
    case "is_false":
      return actual === false;
    case "this_month":
      return facts.birthDate !== null && facts.birthDate.slice(5, 7) === clock.today.slice(5, 7);
    case "within_next_days":
      return (actual as number) <= condition.value;
    case "within_last":
      return (actual as Date).getTime() > clock.now.getTime() - condition.value * DAY_MS;
    case "not_within_last":
      return (actual as Date).getTime() <= clock.now.getTime() - condition.value * DAY_MS;
    case "before":
      return (actual as Date).getTime() < startOfLocalDay(condition.value, clock.timeZone).getTime();
    case "after":
      return (actual as Date).getTime() >= startOfLocalDay(addDays(condition.value, 1), clock.timeZone).getTime();
    case "between":
      return (actual as number) >= scale(condition.value[0]) && (actual as number) <= scale(condition.value[1]);
    case "contains":
      return fold(actual as string).includes(fold(condition.value));
    case "starts_with":
      return fold(actual as string).startsWith(fold(condition.value));
    case "in":
    case "not_in": {
      const inList = typeof actual === "string" && condition.value.some((v) => fold(v) === fold(actual));
      return condition.op === "in" ? inList : !inList;
    }
    default: {
      const value = (condition as { value: string | number }).value;
      if (typeof actual === "string") {
        const equal = fold(actual) === fold(String(value));
        return condition.op === "eq" ? equal : condition.op === "neq" ? !equal : false;
      }
      return compare(condition.op, actual as number, scale(value as number));
    }
  }
}

export function evaluate(node: CriteriaNode, facts: CustomerFacts, clock: Clock): boolean {
  switch (node.type) {
    case "and":
      return node.children.every((child) => evaluate(child, facts, clock));
    case "or":
      return node.children.some((child) => evaluate(child, facts, clock));
    case "not":
      return !evaluate(node.child, facts, clock);
    default:
      return evaluateCondition(node, facts, clock);
  }
}

export interface Reason {
  condition: Condition;
  actual: Actual;
  /** Whether the condition held; inside NOT, a condition that failed is what counts. */
  held: boolean;
}

/**
 * Why a customer matches: the conditions that decided it, with the customer's actual values (money in currency
 * units, dates as ISO strings). Empty when the criteria do not match.
 */
export function explain(node: CriteriaNode, facts: CustomerFacts, clock: Clock): Reason[] {
  if (!evaluate(node, facts, clock)) return [];
  return reasons(node, facts, clock, true);
}

function reasons(node: CriteriaNode, facts: CustomerFacts, clock: Clock, wanted: boolean): Reason[] {
  switch (node.type) {
    case "and":
    case "or": {
      // AND holds through all children, OR through the ones that held (and the reverse under NOT).
      const all = (node.type === "and") === wanted;
      const children = all ? node.children : node.children.filter((c) => evaluate(c, facts, clock) === wanted);
      return children.flatMap((c) => reasons(c, facts, clock, wanted));
    }
    case "not":
      return reasons(node.child, facts, clock, !wanted);
    default: {
      const raw = actualValue(node, facts, clock);
      if (node.field === "custom_field") return [{ condition: node, actual: raw instanceof Date ? raw.toISOString() : raw, held: wanted }];
      const money = node.field === "total_spent" || node.field === "avg_order_value";
      const actual = raw instanceof Date ? raw.toISOString() : money && typeof raw === "number" ? raw / 100 : raw;
      return [{ condition: node, actual, held: wanted }];
    }
  }
}
