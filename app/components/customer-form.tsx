import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CustomFieldInputs } from "~/components/custom-field-inputs";
import { ErrorList, SelectField, TextField } from "~/components/ui/field";
import { withCustomFields, type CustomFieldForm } from "~/modules/custom-fields/form";
import { approvalStates, customerSchema, customerStatuses, genders } from "~/modules/customers/schemas";
import { languageNames, languages } from "~/utils/i18n";

export interface CustomerFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  nationalId: string;
  gender: string;
  birthDate: string;
  locale: string;
  newsletter: boolean;
  status: string;
  approval: string;
  notes: string;
  customFields: Record<string, string | string[]>;
}

/** One form for creating and editing, validated by the same per-shop schema in the browser and on the server. */
export function CustomerForm({
  country,
  defaultValue,
  lastResult,
  submitLabel,
  showNationalId,
  customFields,
}: {
  country: string;
  defaultValue?: Partial<CustomerFormValues>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  showNationalId: boolean;
  customFields: CustomFieldForm;
}) {
  const { t, i18n } = useTranslation("customers");
  const schema = withCustomFields(customerSchema(country), customFields, i18n.language);
  const [form, fields] = useForm({
    id: "customer",
    lastResult,
    // Custom fields are typed by their answers, the inputs hold strings: conform takes either.
    defaultValue: { ...defaultValue, newsletter: defaultValue?.newsletter ? "on" : undefined, customFields: defaultValue?.customFields as never },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  return (
    <Form method="post" {...getFormProps(form)} className="form-grid" aria-label={submitLabel}>
      <input type="hidden" name="intent" value="save" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextField field={fields.firstName} label={t("form.firstName")} autoComplete="off" />
      <TextField field={fields.lastName} label={t("form.lastName")} autoComplete="off" />
      <TextField field={fields.email} label={t("form.email")} type="email" dir="ltr" />
      <TextField field={fields.phone} label={t("form.phone")} type="tel" dir="ltr" hint={t("form.phoneHint")} />
      {showNationalId ? <TextField field={fields.nationalId} label={t("form.nationalId")} dir="ltr" /> : null}
      <SelectField
        field={fields.gender}
        label={t("form.gender")}
        options={[{ value: "", label: t("form.unspecified") }, ...genders.map((g) => ({ value: g, label: t(`gender.${g}`) }))]}
      />
      <TextField field={fields.birthDate} label={t("form.birthDate")} type="date" />
      <SelectField
        field={fields.locale}
        label={t("form.locale")}
        options={[{ value: "", label: t("form.unspecified") }, ...languages.map((l) => ({ value: l, label: languageNames[l] }))]}
      />
      <SelectField field={fields.status} label={t("form.status")} options={customerStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      <SelectField field={fields.approval} label={t("form.approval")} options={approvalStates.map((s) => ({ value: s, label: t(`approval.${s}`) }))} />
      <div className="field checkbox">
        <label>
          <input {...getInputProps(fields.newsletter, { type: "checkbox" })} />
          {t("form.newsletter")}
        </label>
      </div>
      <div className="field wide">
        <label htmlFor={fields.notes.id}>{t("form.notes")}</label>
        <textarea {...getTextareaProps(fields.notes)} rows={3} />
        <ErrorList id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
      <CustomFieldInputs form={customFields} fieldset={fields.customFields.getFieldset()} />
      <div className="actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

