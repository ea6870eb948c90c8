import { z } from "~/modules/validation/messages";
import { customFieldsSchema, inputValue, type CustomValue, type CustomValues, type FieldDefinition } from "./values";

/** What a dashboard form needs to render and validate a location's custom fields, the same in browser and server. */
export interface CustomFieldForm {
  fields: FieldDefinition[];
  /** The groups whose requirements apply (the customer's, or the shop's default group for a new one). */
  groupIds: string[];
  country: string;
  timeZone: string;
  shopLanguage: string;
}

/** A form's own schema with its `customFields.<key>` inputs validated by the one custom-field validator. */
export function withCustomFields<T extends z.ZodTypeAny>(schema: T, form: CustomFieldForm, lng: string) {
  return z.intersection(schema, z.object({ customFields: customFieldsSchema(form.fields, { country: form.country, timeZone: form.timeZone, lng, groupIds: form.groupIds }) }));
}

/** Stored answers as the inputs hold them; a new record starts from each field's default value. */
export function customFieldInputs(form: CustomFieldForm, values: CustomValues | null) {
  return Object.fromEntries(
    form.fields.map((field) => {
      const value: CustomValue | null | undefined = values ? values[field.key] : field.defaultValue;
      return [field.key, inputValue(field, value, form.timeZone)];
    }),
  );
}
