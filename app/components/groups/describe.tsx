import { useTranslation } from "react-i18next";
import { localized } from "~/modules/custom-fields/values";
import type { Condition } from "~/modules/groups/criteria";
import type { CriteriaField } from "~/modules/groups/custom-criteria";
import type { Actual, Reason } from "~/modules/groups/evaluate";
import { useLocale } from "~/root";
import { formatDate, formatMoney, formatNumber } from "~/utils/format";
import { intlLocale, isLanguage, languageNames } from "~/utils/i18n";
import { fieldKind, valueShape } from "./criteria-model";

/** A shop-local calendar date (YYYY-MM-DD) in the reader's calendar, without a time-zone shift. */
export function formatLocalDate(locale: string, date: string) {
  return formatDate(locale, `${date}T12:00:00Z`, "UTC");
}

/** Words for conditions and the values customers have, in the reader's language, money in the shop's currency. */
export function useDescribe(shop: { currency: string; timezone: string }, fields: CriteriaField[] = []) {
  const { t } = useTranslation("groups");
  const { t: tc } = useTranslation("customers");
  const locale = useLocale();
  const customField = (condition: Condition) => (condition.field === "custom_field" ? fields.find((f) => f.id === condition.fieldId.toLowerCase()) : undefined);

  /** A custom field's value as people read it: option labels, yes/no, dates in the reader's calendar. */
  const customText = (field: CriteriaField | undefined, value: unknown, list: "conjunction" | "disjunction"): string => {
    if (Array.isArray(value)) return new Intl.ListFormat(intlLocale(locale), { type: list }).format(value.map((v) => customText(field, v, list)));
    if (typeof value === "boolean") return value ? t("why.yes") : t("why.no");
    switch (field?.type) {
      case "select":
      case "radio":
      case "checkbox":
        return localized(field.options.find((o) => o.id === String(value).toLowerCase())?.label, locale) || String(value);
      case "number":
        return formatNumber(locale, Number(value));
      case "date":
        return formatLocalDate(locale, String(value));
      case "datetime":
        return String(value).length > 10 ? formatDate(locale, String(value), shop.timezone) : formatLocalDate(locale, String(value));
      default:
        return String(value);
    }
  };

  const valueText = (field: string, value: unknown): string => {
    if (Array.isArray(value)) {
      return new Intl.ListFormat(intlLocale(locale), { type: "disjunction" }).format(value.map((v) => valueText(field, v)));
    }
    switch (fieldKind(field)) {
      case "money":
        return formatMoney(locale, Number(value), shop.currency);
      case "number":
      case "product":
        return formatNumber(locale, Number(value));
      case "date":
        return typeof value === "string" ? formatLocalDate(locale, value) : String(value);
      case "enum":
        if (field === "language") return isLanguage(value) ? languageNames[value] : String(value);
        return tc(`${field}.${String(value)}`);
      default:
        return String(value);
    }
  };

  const days = (n: number) => t("units.days", { count: n, n: formatNumber(locale, n) });

  const ruleText = (condition: Condition): string => {
    const op = t(`ops.${condition.op}`);
    const value = "value" in condition ? condition.value : undefined;
    if (condition.field === "custom_field") {
      const field = customField(condition);
      switch (valueShape(condition.field, condition.op, field?.type)) {
        case "none":
          return op;
        case "range": {
          const [from, to] = value as [number, number];
          return `${op} ${customText(field, from, "conjunction")} ${t("builder.rangeAnd")} ${customText(field, to, "conjunction")}`;
        }
        case "days":
          return t(`rules.${condition.op}`, { days: days(value as number) });
        default:
          return `${op} ${customText(field, value, condition.op === "has_all" ? "conjunction" : "disjunction")}`;
      }
    }
    if (condition.field === "product") {
      const rule = t("why.productRule", { product: condition.product, op, value: formatNumber(locale, condition.value) });
      return condition.withinDays === null ? rule : `${rule} ${t("why.withinDays", { count: condition.withinDays, n: formatNumber(locale, condition.withinDays) })}`;
    }
    switch (valueShape(condition.field, condition.op)) {
      case "none":
        return op;
      case "range": {
        const [from, to] = value as [number, number];
        return `${op} ${valueText(condition.field, from)} ${t("builder.rangeAnd")} ${valueText(condition.field, to)}`;
      }
      case "days":
        return t(`rules.${condition.op}`, { days: days(value as number) });
      default:
        return `${op} ${valueText(condition.field, value)}`;
    }
  };

  const actualText = (condition: Condition, actual: Actual): string => {
    if (actual === null) return t("why.unknown");
    if (condition.field === "custom_field") return customText(customField(condition), actual, "conjunction");
    if (typeof actual === "boolean") return actual ? t("why.yes") : t("why.no");
    if (condition.field === "birthday") return t("why.daysAway", { count: Number(actual), n: formatNumber(locale, Number(actual)) });
    if (fieldKind(condition.field) === "date") return formatDate(locale, String(actual), shop.timezone);
    return valueText(condition.field, actual);
  };

  const fieldLabel = (condition: Condition) => {
    if (condition.field !== "custom_field") return t(`fields.${condition.field}`);
    const field = customField(condition);
    return field ? localized(field.name, locale) : t("builder.unknownField");
  };

  return { fieldLabel, ruleText, actualText, valueText };
}

/** "Cancelled orders 3 (condition: is more than 2)": why a customer is in a group, one line per deciding condition. */
export function ReasonList({ reasons, shop, fields }: { reasons: Reason[]; shop: { currency: string; timezone: string }; fields: CriteriaField[] }) {
  const { t } = useTranslation("groups");
  const describe = useDescribe(shop, fields);
  if (reasons.length === 0) return <span className="muted">{t("why.none")}</span>;
  return (
    <ul className="why-list">
      {reasons.map((reason, i) => {
        const rule = describe.ruleText(reason.condition);
        return (
          <li key={i}>
            <span className="why-field">{describe.fieldLabel(reason.condition)}</span> <bdi className="why-actual">{describe.actualText(reason.condition, reason.actual)}</bdi>{" "}
            <span className="why-rule">({reason.held ? t("why.rule", { rule }) : t("why.notRule", { rule })})</span>
          </li>
        );
      })}
    </ul>
  );
}
