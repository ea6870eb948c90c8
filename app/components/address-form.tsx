import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CustomFieldInputs } from "~/components/custom-field-inputs";
import { TextField } from "~/components/ui/field";
import { withCustomFields, type CustomFieldForm } from "~/modules/custom-fields/form";
import { addressSchema } from "~/modules/customers/schemas";

export interface AddressValues {
  id?: string;
  firstName: string;
  lastName: string;
  company: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  country: string;
  phone: string | null;
  isDefault: boolean;
  customFields: Record<string, string | string[]>;
}

export function AddressForm({
  formId,
  country,
  defaultValue,
  lastResult,
  submitLabel,
  customFields,
}: {
  formId: string;
  country: string;
  defaultValue?: Partial<AddressValues>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  customFields: CustomFieldForm;
}) {
  const { t, i18n } = useTranslation("customers");
  const schema = withCustomFields(addressSchema(country), customFields, i18n.language);
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: {
      ...Object.fromEntries(Object.entries(defaultValue ?? {}).map(([k, v]) => [k, v ?? undefined])),
      country: defaultValue?.country ?? country,
      isDefault: defaultValue?.isDefault ? "on" : undefined,
      customFields: defaultValue?.customFields as never,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid address-form" aria-label={submitLabel}>
      <input type="hidden" name="intent" value={defaultValue?.id ? "address-update" : "address-add"} />
      {defaultValue?.id ? <input type="hidden" name="addressId" value={defaultValue.id} /> : null}
      <TextField field={fields.firstName} label={t("address.firstName")} />
      <TextField field={fields.lastName} label={t("address.lastName")} />
      <TextField field={fields.company} label={t("address.company")} />
      <TextField field={fields.line1} label={t("address.line1")} />
      <TextField field={fields.line2} label={t("address.line2")} />
      <TextField field={fields.city} label={t("address.city")} />
      <TextField field={fields.region} label={t("address.region")} />
      <TextField field={fields.postcode} label={t("address.postcode")} dir="ltr" />
      <TextField field={fields.country} label={t("address.country")} dir="ltr" hint={t("address.countryHint")} />
      <TextField field={fields.phone} label={t("address.phone")} type="tel" dir="ltr" />
      <CustomFieldInputs form={customFields} fieldset={fields.customFields.getFieldset()} />
      <div className="field checkbox">
        <label>
          <input {...getInputProps(fields.isDefault, { type: "checkbox" })} />
          {t("address.isDefault")}
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
