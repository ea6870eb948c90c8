import { languages } from "~/utils/i18n";
import { message, z } from "~/modules/validation/messages";
import { choiceTypes, customFieldLocations, customFieldTypes, customFieldVisibilities, isEmpty, normalizeValue, textTypes, type FieldDefinition, type Localized } from "./values";

const localizedText = (max: number) =>
  z
    .record(z.enum(languages), z.string().trim().max(max))
    .default({})
    .transform((texts) => Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== "")) as Partial<Record<(typeof languages)[number], string>>);

const optionalInt = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(0).max(100_000).optional()).transform((v) => v ?? null);
const optionalNumber = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().finite().min(-1e13).max(1e13).optional()).transform((v) => v ?? null);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "1", z.boolean());

export const FIELD_KEY = /^[a-z][a-z0-9_]{0,49}$/;

/**
 * A custom field as staff and the API define it. The name and every option's label are required in the shop's
 * default language; choice fields need options; a default value must itself be a valid answer.
 */
export function customFieldSchema(defaultLanguage: string, context: { country: string; timeZone: string }) {
  return z
    .object({
      key: z.string().trim().toLowerCase().regex(FIELD_KEY, message("fieldKey")),
      name: localizedText(100),
      type: z.enum(customFieldTypes),
      location: z.enum(customFieldLocations).default("account"),
      requiredForAll: checkbox.default(false),
      requiredGroupIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid()).max(100)),
      minLength: optionalInt,
      maxLength: optionalInt,
      minValue: optionalNumber,
      maxValue: optionalNumber,
      pattern: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(500).optional()).transform((v) => v ?? null),
      patternMessage: localizedText(200),
      placeholder: localizedText(200),
      help: localizedText(500),
      defaultValue: z.unknown().optional(),
      sortOrder: z.coerce.number().int().min(0).max(100_000).default(100),
      enabled: checkbox.default(true),
      visibility: z.enum(customFieldVisibilities).default("everywhere"),
      options: z
        .array(z.object({ id: z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid().optional()), label: localizedText(100) }))
        .max(200)
        .default([]),
    })
    .superRefine((field, ctx) => {
      const lang = defaultLanguage as (typeof languages)[number];
      if (!field.name[lang]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name", lang], message: message("required") });
      if (choiceTypes.has(field.type)) {
        if (field.options.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["options"], message: message("optionsRequired") });
        field.options.forEach((o, i) => {
          if (!o.label[lang]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["options", i, "label", lang], message: message("required") });
        });
      }
      if (field.minLength !== null && field.maxLength !== null && field.minLength > field.maxLength) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maxLength"], message: message("rangeOrder") });
      }
      if (field.minValue !== null && field.maxValue !== null && field.minValue > field.maxValue) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maxValue"], message: message("rangeOrder") });
      }
      if (field.pattern !== null) {
        if (!textTypes.has(field.type) || field.type === "email" || field.type === "phone" || field.type === "url") {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["pattern"], message: message("patternNotForType") });
        } else {
          try {
            new RegExp(field.pattern, "u");
          } catch {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["pattern"], message: message("patternInvalid") });
          }
        }
      }
      if (!isEmpty(field.defaultValue) && !choiceTypes.has(field.type)) {
        const checked = normalizeValue(definitionFrom(field), field.defaultValue, { ...context, lng: defaultLanguage });
        if ("error" in checked) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["defaultValue"], message: checked.error });
      }
    })
    .transform((field) => {
      const normalized = isEmpty(field.defaultValue) || choiceTypes.has(field.type) ? null : normalizeValue(definitionFrom(field), field.defaultValue, { ...context, lng: defaultLanguage });
      return { ...field, defaultValue: normalized && "value" in normalized ? normalized.value : null };
    });
}

export type CustomFieldInput = z.output<ReturnType<typeof customFieldSchema>>;

type DefinitionInput = Omit<FieldDefinition, "id" | "options" | "defaultValue"> & { options: Array<{ id?: string; label: Localized }> };

function definitionFrom(field: DefinitionInput): FieldDefinition {
  return { ...field, id: "", options: field.options.map((o, i) => ({ id: o.id ?? String(i), label: o.label })), defaultValue: null };
}
