import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkJsx, checkLocales, main } from "./i18n-check";

type Tree = { [key: string]: string | Tree };
type LocaleSet = Record<string, Record<string, Tree>>;

const tmpDirs: string[] = [];

afterEach(() => {
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function completeSet(): LocaleSet {
  const common = (greeting: string): Tree => ({ nav: { home: greeting }, hello: `${greeting}, {{name}}` });
  const customers = (prefix: string): Tree => ({ list: { empty: `${prefix} empty`, title: `${prefix} list` } });
  return {
    en: {
      common: common("Home"),
      customers: { ...customers("en"), count_one: "One customer", count_other: "{{count}} customers" },
    },
    el: {
      common: common("Αρχική"),
      customers: { ...customers("el"), count_one: "Ένας πελάτης", count_other: "{{count}} πελάτες" },
    },
    ru: {
      common: common("Главная"),
      customers: {
        ...customers("ru"),
        count_one: "{{count}} клиент",
        count_few: "{{count}} клиента",
        count_many: "{{count}} клиентов",
        count_other: "{{count}} клиента",
      },
    },
    ar: {
      common: common("الرئيسية"),
      customers: {
        ...customers("ar"),
        count_zero: "لا عملاء",
        count_one: "عميل واحد",
        count_two: "عميلان",
        count_few: "{{count}} عملاء",
        count_many: "{{count}} عميلًا",
        count_other: "{{count}} عميل",
      },
    },
    fa: {
      common: common("خانه"),
      customers: { ...customers("fa"), count_one: "{{count}} مشتری", count_other: "{{count}} مشتری" },
    },
  };
}

function writeLocales(set: LocaleSet): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "i18n-check-"));
  tmpDirs.push(root);
  for (const [lng, namespaces] of Object.entries(set)) {
    const dir = path.join(root, "locales", lng);
    fs.mkdirSync(dir, { recursive: true });
    for (const [ns, tree] of Object.entries(namespaces)) {
      fs.writeFileSync(path.join(dir, `${ns}.json`), JSON.stringify(tree, null, 2));
    }
  }
  return root;
}

function check(mutate: (set: LocaleSet) => void = () => {}): string[] {
  const set = completeSet();
  mutate(set);
  return checkLocales(path.join(writeLocales(set), "locales"));
}

function customersOf(set: LocaleSet, lng: string): Tree {
  const tree = set[lng]?.customers;
  if (!tree) throw new Error(`fixture has no customers namespace for ${lng}`);
  return tree;
}

function listOf(set: LocaleSet, lng: string): Tree {
  const list = customersOf(set, lng).list;
  if (!list || typeof list === "string") throw new Error(`fixture has no customers list for ${lng}`);
  return list;
}

describe("checkLocales", () => {
  it("passes a complete set", () => {
    expect(check()).toEqual([]);
  });

  it("reports a key missing in fa", () => {
    const problems = check((set) => {
      delete listOf(set, "fa").empty;
    });
    expect(problems).toEqual(["fa: missing key customers:list.empty"]);
  });

  it("reports a missing namespace file", () => {
    const problems = check((set) => {
      delete set.el?.customers;
    });
    expect(problems).toEqual(["el: missing namespace file customers.json"]);
  });

  it("fails when en has no namespace files", () => {
    const root = writeLocales({ en: {}, el: {}, ru: {}, ar: {}, fa: {} });
    expect(checkLocales(path.join(root, "locales"))).toEqual([
      `en: no namespace files in ${path.join(root, "locales", "en")}`,
    ]);
  });

  it("reports a stale key", () => {
    const problems = check((set) => {
      listOf(set, "ru").old = "устарело";
    });
    expect(problems).toEqual(["ru: stale key customers:list.old (not in en)"]);
  });

  it("reports an empty value", () => {
    const problems = check((set) => {
      listOf(set, "el").title = "";
    });
    expect(problems).toEqual(["el: empty value for customers:list.title"]);
  });

  it("reports a placeholder mismatch", () => {
    const problems = check((set) => {
      const common = set.fa?.common;
      if (common) common.hello = "سلام {{user}}";
    });
    expect(problems).toEqual(["fa: placeholder mismatch in common:hello: has {{user}}, en has {{name}}"]);
  });

  it("compares plural forms with the en _other form", () => {
    const problems = check((set) => {
      customersOf(set, "ar").count_few = "{{total}} عملاء";
    });
    expect(problems).toEqual(["ar: placeholder mismatch in customers:count_few: has {{total}}, en has {{count}}"]);
  });

  it("accepts Arabic extra plural forms", () => {
    const problems = check();
    expect(problems.filter((p) => p.startsWith("ar:"))).toEqual([]);
  });

  it("reports Russian missing the _many form", () => {
    const problems = check((set) => {
      delete customersOf(set, "ru").count_many;
    });
    expect(problems).toEqual(["ru: missing plural form customers:count_many"]);
  });

  it("reports a plural form not backed by an en plural key", () => {
    const problems = check((set) => {
      listOf(set, "ar").title_few = "قوائم";
    });
    expect(problems).toEqual(["ar: stale key customers:list.title_few (not in en)"]);
  });
});

function jsx(source: string): string[] {
  return checkJsx([{ path: "app/routes/demo.tsx", source }]);
}

describe("checkJsx", () => {
  it("reports literal JSX text with its position", () => {
    expect(jsx(`export const A = () => <p>Hello</p>;`)).toEqual(['app/routes/demo.tsx:1:27: literal JSX text "Hello"']);
  });

  it("accepts translated text", () => {
    expect(jsx(`export const A = () => <p>{t("x")}</p>;`)).toEqual([]);
  });

  it("reports a literal placeholder attribute", () => {
    expect(jsx(`export const A = () => <input placeholder="Search" />;`)).toEqual([
      'app/routes/demo.tsx:1:31: literal placeholder attribute "Search"',
    ]);
  });

  it("reports template literals in checked attributes", () => {
    expect(jsx("export const A = () => <img alt={`Logo`} />;")).toHaveLength(1);
  });

  it("accepts non user-facing attributes", () => {
    expect(jsx(`export const A = () => <p className="a b">{t("x")}</p>;`)).toEqual([]);
  });

  it("accepts punctuation, numbers and entities", () => {
    expect(jsx(`export const A = () => <span>· 3 &nbsp;&middot; —</span>;`)).toEqual([]);
  });

  it("reports non-Latin letters", () => {
    expect(jsx(`export const A = () => <p>Γεια</p>;`)).toHaveLength(1);
  });

  it("honours i18n-ignore comments", () => {
    const source = [
      "export const A = () => (",
      "  <div>",
      "    {/* i18n-ignore */}",
      "    <p>Clientela</p>",
      '    <input placeholder="Search" /> {/* i18n-ignore */}',
      '    <input // i18n-ignore',
      '      title="Brand" // i18n-ignore',
      "    />",
      "    <b>Shown</b>",
      "  </div>",
      ");",
    ].join("\n");
    expect(jsx(source)).toEqual(['app/routes/demo.tsx:9:8: literal JSX text "Shown"']);
  });
});

describe("main", () => {
  it("exits 0 for a clean root and 1 when problems exist", () => {
    const root = writeLocales(completeSet());
    const routes = path.join(root, "app", "routes");
    fs.mkdirSync(routes, { recursive: true });
    fs.mkdirSync(path.join(root, "app", "generated"), { recursive: true });
    fs.writeFileSync(path.join(routes, "ok.tsx"), `export default () => <p>{t("x")}</p>;`);
    fs.writeFileSync(path.join(root, "app", "generated", "skip.tsx"), `export default () => <p>Generated</p>;`);

    const log = console.log;
    const error = console.error;
    const out: string[] = [];
    const err: string[] = [];
    console.log = (line: string) => out.push(line);
    console.error = (line: string) => err.push(line);
    try {
      expect(main(["--root", root])).toBe(0);
      expect(out).toEqual(["i18n: 5 locales, 6 keys each, 1 files scanned, no problems"]);

      fs.writeFileSync(path.join(routes, "bad.tsx"), `export default () => <p>Hello</p>;`);
      expect(main(["--root", root])).toBe(1);
      expect(err[0]).toBe('app/routes/bad.tsx:1:25: literal JSX text "Hello"');
    } finally {
      console.log = log;
      console.error = error;
    }
  });
});
