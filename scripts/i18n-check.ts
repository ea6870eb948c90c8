import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export const REFERENCE_LOCALE = "en";
export const LOCALES: readonly string[] = ["en", "el", "ru", "ar", "fa"];
export const CHECKED_ATTRIBUTES: ReadonlySet<string> = new Set([
  "placeholder",
  "title",
  "alt",
  "aria-label",
  "label",
  "aria-description",
]);

const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"] as const;
const PLURAL_RE = new RegExp(`^(.+)_(${PLURAL_SUFFIXES.join("|")})$`);
const PLACEHOLDER_RE = /\{\{(.*?)\}\}/g;
const LETTER_RE = /\p{L}/u;
const HTML_ENTITY_RE = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;
const IGNORE_RE = /i18n-ignore\b/;
const IGNORE_LINE_RE = /(?:\/\/|\/\*)\s*i18n-ignore\b/;

type Messages = Map<string, string>;

export interface LocaleReport {
  problems: string[];
  locales: number;
  keyCount: number;
}

interface LoadedLocale {
  namespaces: Set<string>;
  messages: Messages;
}

function listJsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((entry) => entry.name)
    .sort();
}

function flatten(value: unknown, prefix: string, out: Messages, problems: string[], lng: string): void {
  if (typeof value === "string") {
    out.set(prefix, value);
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const sep = prefix.endsWith(":") ? "" : ".";
    for (const [key, child] of Object.entries(value)) {
      flatten(child, `${prefix}${sep}${key}`, out, problems, lng);
    }
  } else {
    problems.push(`${lng}: non-string value at ${prefix}`);
  }
}

function loadLocale(localesDir: string, lng: string, problems: string[]): LoadedLocale | null {
  const dir = path.join(localesDir, lng);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problems.push(`${lng}: missing locale directory ${dir}`);
    return null;
  }
  const namespaces = new Set<string>();
  const messages: Messages = new Map();
  for (const file of listJsonFiles(dir)) {
    const ns = file.slice(0, -".json".length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      problems.push(`${lng}: invalid JSON in ${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      problems.push(`${lng}: ${file} must contain a JSON object`);
      continue;
    }
    namespaces.add(ns);
    flatten(parsed, `${ns}:`, messages, problems, lng);
  }
  return { namespaces, messages };
}

function pluralBase(key: string): string | null {
  const match = PLURAL_RE.exec(key);
  return match?.[1] ?? null;
}

function namespaceOf(key: string): string {
  return key.slice(0, key.indexOf(":"));
}

export function placeholders(value: string): Set<string> {
  const names = new Set<string>();
  for (const match of value.matchAll(PLACEHOLDER_RE)) {
    const name = (match[1] ?? "").replace(/^\s*-/, "").split(",")[0]?.trim();
    if (name) names.add(name);
  }
  return names;
}

function formatSet(names: Set<string>): string {
  return names.size === 0 ? "none" : [...names].sort().map((n) => `{{${n}}}`).join(", ");
}

/** Plural forms may omit {{count}} ("One customer", "No customers"); anything else must match exactly. */
function placeholdersMatch(actual: Set<string>, expected: Set<string>, isPluralForm: boolean): boolean {
  const a = new Set(actual);
  const e = new Set(expected);
  if (isPluralForm && !a.has("count")) e.delete("count");
  return a.size === e.size && [...a].every((name) => e.has(name));
}

function pluralCategories(lng: string): string[] {
  return new Intl.PluralRules(lng).resolvedOptions().pluralCategories.map(String);
}

export function analyzeLocales(localesDir: string, locales: readonly string[] = LOCALES): LocaleReport {
  const problems: string[] = [];
  const ref = loadLocale(localesDir, REFERENCE_LOCALE, problems);
  if (!ref) return { problems, locales: locales.length, keyCount: 0 };
  if (ref.namespaces.size === 0) {
    problems.push(`${REFERENCE_LOCALE}: no namespace files in ${path.join(localesDir, REFERENCE_LOCALE)}`);
  }

  const refPluralForms = new Map<string, string[]>();
  for (const key of ref.messages.keys()) {
    const base = pluralBase(key);
    if (base) refPluralForms.set(base, [...(refPluralForms.get(base) ?? []), key]);
  }
  const refValueFor = (key: string): string | undefined => {
    const direct = ref.messages.get(key);
    if (direct !== undefined && !pluralBase(key)) return direct;
    const base = pluralBase(key);
    const forms = base ? refPluralForms.get(base) : undefined;
    if (!base || !forms) return undefined;
    return ref.messages.get(`${base}_other`) ?? ref.messages.get(forms[0] ?? "");
  };

  for (const lng of locales) {
    const loaded = lng === REFERENCE_LOCALE ? ref : loadLocale(localesDir, lng, problems);
    if (!loaded) continue;
    const localeProblems: string[] = [];
    const report = (message: string): number => localeProblems.push(`${lng}: ${message}`);

    for (const ns of ref.namespaces) {
      if (!loaded.namespaces.has(ns)) report(`missing namespace file ${ns}.json`);
    }
    for (const ns of loaded.namespaces) {
      if (!ref.namespaces.has(ns)) report(`stale namespace file ${ns}.json (not in ${REFERENCE_LOCALE})`);
    }
    const hasNamespace = (key: string): boolean => loaded.namespaces.has(namespaceOf(key));

    for (const key of ref.messages.keys()) {
      if (!pluralBase(key) && hasNamespace(key) && !loaded.messages.has(key)) report(`missing key ${key}`);
    }

    const required = pluralCategories(lng);
    for (const base of refPluralForms.keys()) {
      if (!hasNamespace(base)) continue;
      const missing = required.filter((category) => !loaded.messages.has(`${base}_${category}`));
      if (missing.length === required.length) {
        report(`missing plural key ${base} (needs ${required.map((c) => `_${c}`).join(", ")})`);
      } else {
        for (const category of missing) report(`missing plural form ${base}_${category}`);
      }
    }

    for (const [key, value] of loaded.messages) {
      const base = pluralBase(key);
      const isPluralForm = base !== null && refPluralForms.has(base);
      if (!isPluralForm && !ref.messages.has(key)) {
        if (ref.namespaces.has(namespaceOf(key))) report(`stale key ${key} (not in ${REFERENCE_LOCALE})`);
        continue;
      }
      if (value.trim() === "") {
        report(`empty value for ${key}`);
        continue;
      }
      const refValue = refValueFor(key);
      if (refValue === undefined || (lng === REFERENCE_LOCALE && !isPluralForm)) continue;
      const actual = placeholders(value);
      const expected = placeholders(refValue);
      if (!placeholdersMatch(actual, expected, isPluralForm)) {
        report(`placeholder mismatch in ${key}: has ${formatSet(actual)}, ${REFERENCE_LOCALE} has ${formatSet(expected)}`);
      }
    }
    problems.push(...localeProblems.sort());
  }

  return { problems, locales: locales.length, keyCount: ref.messages.size };
}

export function checkLocales(localesDir: string, locales: readonly string[] = LOCALES): string[] {
  return analyzeLocales(localesDir, locales).problems;
}

function hasIgnoreComment(sourceText: string, node: ts.Node): boolean {
  const ranges = ts.getLeadingCommentRanges(sourceText, node.pos) ?? [];
  return ranges.some((range) => IGNORE_RE.test(sourceText.slice(range.pos, range.end)));
}

function isIgnoreMarker(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  return ts.isJsxExpression(node) && node.expression === undefined && IGNORE_RE.test(node.getText(sourceFile));
}

function isWhitespaceText(node: ts.Node): boolean {
  return ts.isJsxText(node) && node.containsOnlyTriviaWhiteSpaces;
}

function hasLetters(text: string): boolean {
  return LETTER_RE.test(text.replace(HTML_ENTITY_RE, ""));
}

function preview(text: string): string {
  const collapsed = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(collapsed.length > 60 ? `${collapsed.slice(0, 57)}...` : collapsed);
}

function literalText(node: ts.Expression | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

export function checkJsx(files: readonly { path: string; source: string }[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const sourceFile = ts.createSourceFile(file.path, file.source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const lines = file.source.split("\n");
    const ignored = new Set<ts.Node>();

    const reportAt = (pos: number, message: string): void => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(pos);
      if (IGNORE_LINE_RE.test(lines[line] ?? "")) return;
      problems.push(`${file.path}:${line + 1}:${character + 1}: ${message}`);
    };

    const markIgnoredSiblings = (children: ts.NodeArray<ts.JsxChild>): void => {
      let pending = false;
      for (const child of children) {
        if (isIgnoreMarker(child, sourceFile)) pending = true;
        else if (pending && !isWhitespaceText(child)) {
          ignored.add(child);
          pending = false;
        }
      }
    };

    const visit = (node: ts.Node): void => {
      if (ignored.has(node)) return;
      if ((ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) && hasIgnoreComment(file.source, node)) return;
      if (ts.isJsxElement(node) || ts.isJsxFragment(node)) markIgnoredSiblings(node.children);

      if (ts.isJsxText(node)) {
        const raw = file.source.slice(node.pos, node.end);
        if (hasLetters(raw)) {
          const offset = raw.length - raw.trimStart().length;
          reportAt(node.pos + offset, `literal JSX text ${preview(raw)}`);
        }
      } else if (ts.isJsxAttribute(node)) {
        const name = node.name.getText(sourceFile);
        const init = node.initializer;
        const value = init && ts.isJsxExpression(init) ? literalText(init.expression) : literalText(init);
        if (CHECKED_ATTRIBUTES.has(name) && value !== null && hasLetters(value) && !hasIgnoreComment(file.source, node)) {
          reportAt(node.getStart(sourceFile), `literal ${name} attribute ${preview(value)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return problems;
}

export function findTsxFiles(appDir: string, skipDirs: readonly string[] = [path.join(appDir, "generated")]): string[] {
  if (!fs.existsSync(appDir)) return [];
  const skip = new Set(skipDirs.map((dir) => path.resolve(dir)));
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !skip.has(path.resolve(full))) walk(full);
      } else if (entry.isFile() && entry.name.endsWith(".tsx")) {
        found.push(full);
      }
    }
  };
  walk(appDir);
  return found.sort();
}

function parseRoot(argv: readonly string[]): string {
  const index = argv.indexOf("--root");
  if (index !== -1) {
    const value = argv[index + 1];
    if (!value) throw new Error("--root requires a directory");
    return path.resolve(value);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
}

export function main(argv: readonly string[] = process.argv.slice(2)): number {
  const root = parseRoot(argv);
  const localeReport = analyzeLocales(path.join(root, "locales"));
  const files = findTsxFiles(path.join(root, "app")).map((file) => ({
    path: path.relative(root, file).split(path.sep).join("/"),
    source: fs.readFileSync(file, "utf8"),
  }));
  const problems = [...localeReport.problems, ...checkJsx(files)];

  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`i18n: ${problems.length} problem${problems.length === 1 ? "" : "s"} found`);
    return 1;
  }
  console.log(
    `i18n: ${localeReport.locales} locales, ${localeReport.keyCount} keys each, ${files.length} files scanned, no problems`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
