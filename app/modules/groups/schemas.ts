import { languages } from "~/utils/i18n";
import { message, z } from "~/modules/validation/messages";
import { criteriaSchemaFor, type CriteriaField } from "./custom-criteria";

export const groupKinds = ["manual", "automatic", "hybrid"] as const;

const localizedText = (max: number) =>
  z
    .record(z.enum(languages), z.string().trim().max(max))
    .transform((texts) => Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== "")) as Partial<Record<(typeof languages)[number], string>>);

/**
 * A group as staff and the API define it; the name is required in the shop's default language. Conditions on custom
 * fields are judged against the shop's account fields (none given: every such condition is refused).
 */
export function groupSchema(defaultLanguage: string, fields: CriteriaField[] = []) {
  return z
    .object({
      name: localizedText(100),
      description: localizedText(1000).default({}),
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/, message("color")).default("#3f51d6"),
      sortOrder: z.coerce.number().int().min(0).max(100_000).default(100),
      kind: z.enum(groupKinds),
      criteria: criteriaSchemaFor(fields).nullable().default(null),
      needsApproval: z.boolean().default(false),
      selectableAtSignup: z.boolean().default(false),
      isDefault: z.boolean().default(false),
    })
    .superRefine((group, ctx) => {
      if (!group.name[defaultLanguage as (typeof languages)[number]]) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name", defaultLanguage], message: message("required") });
      }
      if (group.kind !== "manual" && !group.criteria) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["criteria"], message: message("criteriaRequired") });
      }
    });
}

export type GroupInput = z.output<ReturnType<typeof groupSchema>>;
