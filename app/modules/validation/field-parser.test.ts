import { describe, expect, it } from "vitest";
import { customerSchema } from "~/modules/customers/schemas";
import { customerRow } from "~/modules/imports/fixtures";
import { fieldParser } from "./field-parser";

/** Inputs as the import builds them, valid and not: every field gets blanks, good values and bad ones. */
function inputs() {
  const bad = [
    { phone: "12" },
    { phone: "+30 6940000000000" },
    { nationalId: "123456789" },
    { birthDate: "2999-01-01" },
    { birthDate: "31/12/1990" },
    { gender: "unknown" },
    { locale: "de" },
    { status: "gone" },
    { email: "not-an-email" },
    { firstName: "" },
    { lastName: " ", email: "" },
    { notes: "x".repeat(5001) },
  ];
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const r = customerRow(i);
    const input: Record<string, unknown> = {
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      phone: r.phone,
      nationalId: r.national_id,
      gender: r.gender,
      birthDate: r.birth_date.replace("19", i % 7 === 0 ? "۱۹" : "19"),
      locale: r.locale,
      newsletter: i % 3 === 0,
      status: i % 4 === 0 ? undefined : r.status || undefined,
      approval: r.approval,
      notes: r.notes,
    };
    rows.push(i % 5 === 0 ? { ...input, ...bad[(i / 5) % bad.length] } : input);
  }
  return rows;
}

describe("fieldParser", () => {
  it("gives what safeParse of the whole object gives, also when it answers from what it remembers", () => {
    const schema = customerSchema("GR");
    const parse = fieldParser(schema);
    let failures = 0;
    for (const round of [1, 2]) {
      for (const input of inputs()) {
        const expected = schema.safeParse(input);
        const actual = parse(input);
        expect(actual.success, `round ${round}: ${JSON.stringify(input)}`).toBe(expected.success);
        if (expected.success && actual.success) expect(actual.data).toEqual(expected.data);
        if (!expected.success && !actual.success) {
          failures += 1;
          expect(actual.issues.map((i) => [i.path, i.code, i.message])).toEqual(expected.error.issues.map((i) => [i.path, i.code, i.message]));
        }
      }
    }
    expect(failures).toBeGreaterThan(100);
  });
});
