import type { FieldWriteResult } from "./custom-fields.server";
import { choiceTypes, type CustomFieldType, type FieldDefinition } from "./values";

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
