import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/field";
import type { CustomFieldForm } from "~/modules/custom-fields/form";
import { isRequired, localized, type FieldDefinition } from "~/modules/custom-fields/values";

const inputTypes: Partial<Record<FieldDefinition["type"], string>> = {
  text: "text",
  number: "text",
  email: "email",
  phone: "tel",
  url: "url",
  date: "date",
  time: "time",
  datetime: "datetime-local",
};
const latinTypes = new Set<FieldDefinition["type"]>(["email", "phone", "url", "number"]);

/**
 * Every enabled field of a form's location, in sort order, named `customFields.<key>`: label, placeholder and help
 * in the reader's language (else the shop's), the input its type calls for, required marked for these groups.
 */
export function CustomFieldInputs({ form, fieldset }: { form: CustomFieldForm; fieldset: Record<string, FieldMetadata<unknown>> }) {
  const { t, i18n } = useTranslation("customers");
  const lng = i18n.language;
  return (
    <>
      {form.fields.map((field) => {
        const meta = fieldset[field.key];
        if (!meta) return null;
        const text = (value: FieldDefinition["name"]) => localized(value, lng, form.shopLanguage);
        const label = text(field.name);
        const help = text(field.help);
        const placeholder = text(field.placeholder) || undefined;
        const required = isRequired(field, form.groupIds);
        const hintId = help ? `${meta.id}-hint` : undefined;
        const mark = required ? (
          <span className="required" aria-hidden="true">
            {" *"}
          </span>
        ) : null;
        const hint = help ? (
          <p id={hintId} className="hint">
            {help}
          </p>
        ) : null;
        const errors = <ErrorList id={meta.errorId} errors={meta.errors} />;
        const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ") || undefined;

        if (field.type === "radio" || field.type === "checkbox" || field.type === "yesno") {
          const choices =
            field.type === "yesno"
              ? [
                  { value: "true", label: t("customFields.yes") },
                  { value: "false", label: t("customFields.no") },
                ]
              : field.options.map((o) => ({ value: o.id, label: text(o.label) }));
          const inputs = getCollectionProps(meta, { type: field.type === "checkbox" ? "checkbox" : "radio", options: choices.map((c) => c.value) });
          return (
            <fieldset key={field.key} className="field wide choices" aria-describedby={describedBy} aria-required={required || undefined} data-field={field.key}>
              <legend>
                {label}
                {mark}
              </legend>
              {inputs.map((props, i) => (
                <label key={props.key}>
                  <input {...props} key={undefined} aria-describedby={undefined} />
                  {choices[i]!.label}
                </label>
              ))}
              {hint}
              {errors}
            </fieldset>
          );
        }

        let control: React.ReactNode;
        if (field.type === "select") {
          control = (
            <select {...getSelectProps(meta, { ariaDescribedBy: hintId })} aria-required={required || undefined}>
              <option value="">{t("customFields.choose")}</option>
              {field.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {text(o.label)}
                </option>
              ))}
            </select>
          );
        } else if (field.type === "textarea") {
          control = <textarea {...getTextareaProps(meta, { ariaDescribedBy: hintId })} rows={3} placeholder={placeholder} aria-required={required || undefined} />;
        } else {
          const type = inputTypes[field.type] as "text";
          control = (
            <input
              {...getInputProps(meta, { type, ariaDescribedBy: hintId })}
              inputMode={field.type === "number" ? "decimal" : undefined}
              placeholder={placeholder}
              dir={latinTypes.has(field.type) ? "ltr" : undefined}
              aria-required={required || undefined}
            />
          );
        }
        return (
          <div key={field.key} className={field.type === "textarea" ? "field wide" : "field"} data-field={field.key}>
            <label htmlFor={meta.id}>
              {label}
              {mark}
            </label>
            {control}
            {hint}
            {errors}
          </div>
        );
      })}
    </>
  );
}
