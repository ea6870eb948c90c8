import { z } from "zod";

/**
 * Validation messages are i18n keys in the "validation" namespace, optionally followed by "|" and JSON
 * parameters (e.g. `tooShort|{"min":10}`), so one zod schema serves the server and the browser and each
 * renders the message in its reader's language.
 */
export function message(key: string, params?: Record<string, unknown>) {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function parseMessage(value: string): { key: string; params: Record<string, unknown> } {
  const bar = value.indexOf("|");
  if (bar === -1) return { key: value, params: {} };
  try {
    return { key: value.slice(0, bar), params: JSON.parse(value.slice(bar + 1)) as Record<string, unknown> };
  } catch {
    return { key: value.slice(0, bar), params: {} };
  }
}

export const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === "undefined" || issue.received === "null" ? message("required") : message("invalid") };
    case z.ZodIssueCode.too_small:
      return {
        message: issue.type === "string" ? message("tooShort", { min: Number(issue.minimum), count: Number(issue.minimum) }) : message("tooSmall", { min: Number(issue.minimum) }),
      };
    case z.ZodIssueCode.too_big:
      return {
        message: issue.type === "string" ? message("tooLong", { max: Number(issue.maximum), count: Number(issue.maximum) }) : message("tooBig", { max: Number(issue.maximum) }),
      };
    case z.ZodIssueCode.invalid_string:
      return { message: issue.validation === "email" ? message("email") : message("invalid") };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: message("choose") };
    default:
      return { message: ctx.defaultError && message("invalid") };
  }
};

z.setErrorMap(errorMap);

export { z };
