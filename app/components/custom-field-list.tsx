import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CUSTOM_FIELD_PREFIX } from "~/modules/customers/list-query";
import { choiceTypes, displayValue, localized, type CustomValues, type FieldDefinition } from "~/modules/custom-fields/values";

export const customFieldFilterActive = (params: URLSearchParams) => [...params.keys()].some((k) => k.startsWith(CUSTOM_FIELD_PREFIX));

interface ListFields {
  fields: FieldDefinition[];
  columns: string[];
  shopLanguage: string;
}

/** Filters on the shop's account fields (`cf.<key>…` in the URL) and the choice of extra columns (`col=<key>`). */
export function CustomFieldFilters({ fields, columns, shopLanguage }: ListFields) {
  const { t, i18n } = useTranslation("customers");
  const [params] = useSearchParams();
  if (fields.length === 0) return null;
  const name = (field: FieldDefinition) => localized(field.name, i18n.language, shopLanguage);
  const input = (field: FieldDefinition, op: string, label: string, type: string) => {
    const param = `${CUSTOM_FIELD_PREFIX}${field.key}.${op}`;
    return (
      <div className="field" key={param}>
        <label htmlFor={`f-${param}`}>{label}</label>
        <input id={`f-${param}`} name={param} type={type} inputMode={type === "text" && field.type === "number" ? "decimal" : undefined} defaultValue={params.get(param) ?? ""} />
      </div>
    );
  };
  return (
    <details className="wide custom-field-filters" open={customFieldFilterActive(params) || undefined}>
      <summary>{t("customFields.filters")}</summary>
      <div className="form-grid">
        {fields.map((field) => {
          const label = name(field);
          if (choiceTypes.has(field.type) || field.type === "yesno") {
            const param = `${CUSTOM_FIELD_PREFIX}${field.key}`;
            const choices =
              field.type === "yesno"
                ? [
                    { value: "yes", label: t("customFields.yes") },
                    { value: "no", label: t("customFields.no") },
                  ]
                : field.options.map((o) => ({ value: o.id, label: localized(o.label, i18n.language, shopLanguage) }));
            return (
              <div className="field" key={param}>
                <label htmlFor={`f-${param}`}>{label}</label>
                <select id={`f-${param}`} name={param} defaultValue={params.get(param) ?? ""}>
                  <option value="">{t("filters.any")}</option>
                  {choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
            );
          }
          if (field.type === "number") return [input(field, "min", t("customFields.min", { name: label }), "text"), input(field, "max", t("customFields.max", { name: label }), "text")];
          if (field.type === "date" || field.type === "datetime") return [input(field, "from", t("customFields.from", { name: label }), "date"), input(field, "to", t("customFields.to", { name: label }), "date")];
          if (field.type === "time") return input(field, "is", label, "time");
          return input(field, "has", t("customFields.contains", { name: label }), "text");
        })}
      </div>
      <fieldset className="choices">
        <legend>{t("customFields.columns")}</legend>
        {fields.map((field) => (
          <label key={field.key}>
            <input type="checkbox" name="col" value={field.key} defaultChecked={columns.includes(field.key)} />
            {name(field)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** The chosen custom-field columns: header cells without `values`, a row's cells with them. */
export function CustomFieldColumns({ fields, columns, shopLanguage, timeZone, values }: ListFields & { timeZone: string; values?: CustomValues }) {
  const { t, i18n } = useTranslation("customers");
  const shown = fields.filter((f) => columns.includes(f.key));
  if (!values) {
    return shown.map((field) => (
      <th scope="col" key={field.key}>
        {localized(field.name, i18n.language, shopLanguage)}
      </th>
    ));
  }
  const labels = { yes: t("customFields.yes"), no: t("customFields.no") };
  return shown.map((field) => <td key={field.key}>{displayValue(field, values[field.key], i18n.language, labels, timeZone) || <span className="muted">—</span>}</td>);
}
