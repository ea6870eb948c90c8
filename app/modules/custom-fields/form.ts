import type { FieldWriteResult } from "./custom-fields.server";
import { z } from "~/modules/validation/messages";
import { choiceTypes, customFieldsSchema, inputValue, type CustomFieldType, type CustomValue, type CustomValues, type FieldDefinition } from "./values";

/** Refusals the definitions page explains in a panel of their own (the rest are errors at an input). */
export type FieldRefusal = Extract<FieldWriteResult, { error: "usedByGroups" | "typeChange" | "confirmOptions" }>;

/** Which settings apply to a type; the form shows only these, and the module ignores or refuses the rest. */
export function settingsFor(type: CustomFieldType) {
  const text = type === "text" || type === "textarea";
  return {
    options: choiceTypes.has(type),
    length: text,
    pattern: text,
    range: type === "number",
    placeholder: text || type === "number" || type === "email" || type === "phone" || type === "url" || type === "select",
    defaultValue: !choiceTypes.has(type),
  };
}

/** A definition as the form starts from: the default value as an input holds it (see inputValue). */
export type FieldFormValues = Omit<FieldDefinition, "id" | "defaultValue"> & { defaultValue: string; sortOrder: number };

export const blankField: FieldFormValues = {
  ...{ key: "", type: "text", location: "account", visibility: "everywhere", enabled: true, sortOrder: 100, defaultValue: "", options: [] },
  ...{ name: {}, placeholder: {}, help: {}, patternMessage: {}, pattern: null, requiredForAll: false, requiredGroupIds: [] },
  ...{ minLength: null, maxLength: null, minValue: null, maxValue: null },
};

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
