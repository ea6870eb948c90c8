import { z } from "~/modules/validation/messages";
import type { CriteriaField } from "./custom-criteria";
import { groupSchema } from "./schemas";

/**
 * The dashboard's group form: the same schema as the API (groupSchema), with the criteria tree arriving as JSON in
 * one hidden input. Text that is not JSON is left as it is, so the schema reports it as invalid at `criteria`.
 */
export function groupFormSchema(defaultLanguage: string, fields: CriteriaField[] = []) {
  return z.preprocess((input) => {
    if (!input || typeof input !== "object" || !("criteria" in input)) return input;
    const { criteria } = input as { criteria: unknown };
    if (typeof criteria !== "string") return input;
    if (criteria.trim() === "") return { ...input, criteria: undefined };
    try {
      return { ...input, criteria: JSON.parse(criteria) as unknown };
    } catch {
      return input;
    }
  }, groupSchema(defaultLanguage, fields));
}
