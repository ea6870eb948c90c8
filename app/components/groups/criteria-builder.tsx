import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "~/components/ui/field";
import { localized } from "~/modules/custom-fields/values";
import { MAX_DEPTH } from "~/modules/groups/criteria";
import type { CriteriaField } from "~/modules/groups/custom-criteria";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { intlLocale, languageNames, isLanguage } from "~/utils/i18n";
import {
  CUSTOM_PREFIX,
  enumValues,
  fieldCategories,
  fieldChoice,
  fieldKind,
  levels,
  mapNode,
  newCondition,
  newGroup,
  newId,
  numbering,
  operatorsFor,
  removeNode,
  valueShape,
  withField,
  withOperator,
  type DraftCondition,
  type DraftGroup,
  type DraftNode,
  type DraftNot,
  type NodeIssue,
} from "./criteria-model";
import { formatLocalDate } from "./describe";
import { CloseIcon, PlusIcon } from "./icons";

interface BuilderContext {
  update: (id: string, change: (node: DraftNode) => DraftNode) => void;
  remove: (id: string) => void;
  issues: Map<string, NodeIssue[]>;
  numbers: Map<string, number>;
  depth: Map<string, number>;
  currency: string;
  fields: CriteriaField[];
  disabled: boolean;
}

const Context = createContext<BuilderContext | null>(null);
const useBuilder = () => useContext(Context)!;

/**
 * The criteria builder: a tree of AND/OR groups, NOT wrappers and typed conditions, edited in place. The tree lives in
 * the caller's state (onChange gives the new tree and the node that changed); issues arrive already placed on nodes.
 */
export function CriteriaBuilder({
  root,
  onChange,
  issues,
  currency,
  fields,
  disabled = false,
}: {
  root: DraftGroup;
  onChange: (root: DraftGroup, changed: string) => void;
  issues: Map<string, NodeIssue[]>;
  currency: string;
  fields: CriteriaField[];
  disabled?: boolean;
}) {
  const context = useMemo<BuilderContext>(
    () => ({
      update: (id, change) => onChange(mapNode(root, id, change) as DraftGroup, id),
      remove: (id) => onChange(removeNode(root, id) as DraftGroup, root.id),
      issues,
      numbers: numbering(root),
      depth: levels(root),
      currency,
      fields,
      disabled,
    }),
    [root, onChange, issues, currency, fields, disabled],
  );
  return (
    <Context.Provider value={context}>
      <div className="criteria-builder">
        <GroupBox node={root} />
      </div>
    </Context.Provider>
  );
}

/** A NOT is drawn as a mark on what it negates; only NOT of NOT (from the API) gets a box of its own. */
function NodeView({ node }: { node: DraftNode }) {
  if (node.type === "condition") return <ConditionRow node={node} />;
  if (node.type !== "not") return <GroupBox node={node} />;
  const inner = node.child;
  if (inner.type === "condition") return <ConditionRow node={inner} negation={node} />;
  if (inner.type !== "not") return <GroupBox node={inner} negation={node} />;
  return <NotBox node={node} />;
}

function NotBox({ node }: { node: DraftNot }) {
  const { t } = useTranslation("groups");
  const { update, remove, issues, disabled } = useBuilder();
  return (
    <div className="crit-group crit-negated">
      <div className="crit-group-head">
        <span className="crit-not" title={t("builder.notHint")}>
          {t("builder.not")}
        </span>
        {!disabled ? (
          <span className="crit-actions">
            <button type="button" className="button small subtle" onClick={() => update(node.id, (n) => (n as DraftNot).child)}>
              {t("builder.unwrap")}
            </button>
            <button type="button" className="button small subtle danger" aria-label={t("builder.remove")} onClick={() => remove(node.id)}>
              <CloseIcon />
            </button>
          </span>
        ) : null}
      </div>
      <NodeView node={node.child} />
      <IssueLines issues={issues.get(node.id) ?? []} />
    </div>
  );
}

function IssueLines({ issues, id }: { issues: NodeIssue[]; id?: string }) {
  const { t } = useTranslation("groups");
  const text = useErrorText();
  if (issues.length === 0) return null;
  return (
    <ul className="field-errors crit-errors" role="alert" id={id}>
      {issues.map((issue) => (
        <li key={`${issue.part}:${issue.message}`}>{issue.part === "children" ? t("builder.emptyGroup") : text(issue.message)}</li>
      ))}
    </ul>
  );
}

function GroupBox({ node, negation }: { node: DraftGroup; negation?: DraftNot }) {
  const { t } = useTranslation("groups");
  const { update, remove, issues, numbers, depth, disabled } = useBuilder();
  const locale = useLocale();
  const n = numbers.get(node.id) ?? 1;
  const level = depth.get(node.id) ?? 1;
  const isRoot = level === 1;
  const name = t("builder.groupN", { n: formatNumber(locale, n) });
  const own = [...(issues.get(node.id) ?? []), ...(negation ? (issues.get(negation.id) ?? []) : [])];
  const canNest = level + 2 <= MAX_DEPTH;
  const add = (child: DraftNode) => update(node.id, (g) => ({ ...(g as DraftGroup), children: [...(g as DraftGroup).children, child] }));
  const outer = negation ?? node;

  return (
    <fieldset className={`crit-group${negation ? " crit-negated" : ""}${isRoot ? " crit-root" : ""}`} aria-invalid={own.length ? true : undefined}>
      <legend className="visually-hidden">{name}</legend>
      <div className="crit-group-head">
        {negation ? (
          <span className="crit-not" title={t("builder.notHint")}>
            {t("builder.not")}
          </span>
        ) : null}
        <label className="visually-hidden" htmlFor={`${node.id}-combinator`}>
          {t("builder.combinator")}
        </label>
        <select
          id={`${node.id}-combinator`}
          className="crit-combinator"
          value={node.type}
          disabled={disabled}
          onChange={(e) => {
            const type = e.currentTarget.value as "and" | "or";
            update(node.id, (g) => ({ ...(g as DraftGroup), type }));
          }}
        >
          <option value="and">{t("builder.and")}</option>
          <option value="or">{t("builder.or")}</option>
        </select>
        {!isRoot && !disabled ? (
          <span className="crit-actions">
            {negation ? (
              <button type="button" className="button small subtle" onClick={() => update(negation.id, () => node)}>
                {t("builder.unwrap")}
              </button>
            ) : (
              <button type="button" className="button small subtle" onClick={() => update(node.id, (g) => ({ id: newId(), type: "not", child: g }))}>
                {t("builder.negate")}
              </button>
            )}
            <button type="button" className="button small subtle danger" onClick={() => remove(outer.id)} aria-label={t("builder.removeGroup", { n: formatNumber(locale, n) })}>
              <CloseIcon />
            </button>
          </span>
        ) : null}
      </div>
      {negation ? <p className="hint crit-not-hint">{t("builder.notHint")}</p> : null}
      <ol className="crit-children">
        {node.children.map((child, i) => (
          <li key={child.id}>
            {i > 0 ? <span className="crit-joiner">{node.type === "and" ? t("builder.joinAnd") : t("builder.joinOr")}</span> : null}
            <NodeView node={child} />
          </li>
        ))}
      </ol>
      <IssueLines issues={own} />
      {!disabled ? (
        <div className="crit-add">
          <button type="button" className="button small" onClick={() => add(newCondition())}>
            <PlusIcon /> {t("builder.addCondition")}
          </button>
          <button type="button" className="button small" disabled={!canNest} onClick={() => add(newGroup(node.type === "and" ? "or" : "and"))}>
            <PlusIcon /> {t("builder.addGroup")}
          </button>
          <button type="button" className="button small" disabled={!canNest} onClick={() => add({ id: newId(), type: "not", child: newGroup("and") })}>
            <PlusIcon /> {t("builder.addNot")}
          </button>
        </div>
      ) : null}
      {!canNest && !disabled ? <p className="hint">{t("builder.maxDepth", { max: formatNumber(locale, MAX_DEPTH) })}</p> : null}
    </fieldset>
  );
}

const ltrFields = new Set(["country", "postcode", "email_domain"]);
const ltrTypes = new Set(["email", "phone", "url"]);

function unitFor(field: string, currency: string, locale: string, t: (key: string) => string) {
  switch (field) {
    case "total_spent":
    case "avg_order_value":
      return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
    case "age":
      return t("builder.years");
    case "last_rating":
      return t("builder.stars");
    case "shared_ip_count":
      return t("builder.customers");
    default:
      return null;
  }
}

function ConditionRow({ node, negation }: { node: DraftCondition; negation?: DraftNot }) {
  const { t } = useTranslation("groups");
  const { update, remove, issues, numbers, currency, fields, disabled } = useBuilder();
  const locale = useLocale();
  const custom = node.field === "custom_field" ? fields.find((f) => f.id === node.fieldId) : undefined;
  const n = formatNumber(locale, numbers.get(node.id) ?? 1);
  const own = [...(issues.get(node.id) ?? []), ...(negation ? (issues.get(negation.id) ?? []) : [])];
  const invalid = (part: string) => (own.some((i) => i.part === part || (part === "value" && i.part.startsWith("value."))) ? true : undefined);
  const set = (patch: Partial<DraftCondition>) => update(node.id, (c) => ({ ...(c as DraftCondition), ...patch }));
  const kind = fieldKind(node.field, node.customType);
  const shape = valueShape(node.field, node.op, node.customType);
  const ltr = ltrFields.has(node.field) || (custom !== undefined && ltrTypes.has(custom.type));
  const unit = unitFor(node.field, currency, locale, t);
  const errorId = own.length ? `${node.id}-errors` : undefined;
  const id = (part: string) => `${node.id}-${part}`;

  const numberInput = (part: "value" | "value2", label: string, options: { integer?: boolean; unit?: string | null; short?: boolean } = {}) => (
    <span className="crit-unit-input">
      <label className="visually-hidden" htmlFor={id(part)}>
        {label}
      </label>
      <input
        id={id(part)}
        type="number"
        inputMode={options.integer ? "numeric" : "decimal"}
        step={options.integer ? 1 : "any"}
        min={kind === "number" && node.field !== "age" ? undefined : 0}
        className={options.short ? "short" : undefined}
        value={node[part]}
        disabled={disabled}
        aria-invalid={invalid(part === "value" ? (shape === "range" ? "value.0" : "value") : "value.1")}
        aria-describedby={errorId}
        onChange={(e) => set({ [part]: e.currentTarget.value })}
      />
      {options.unit ? <bdi className="unit">{options.unit}</bdi> : null}
    </span>
  );

  let value: ReactNode = null;
  if (kind === "product") {
    value = (
      <>
        {numberInput("value", t("builder.quantity"), { integer: true })}
        <span className="crit-within">
          <label htmlFor={id("within")}>{t("builder.withinDays")}</label>
          <input
            id={id("within")}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            className="short"
            value={node.withinDays}
            disabled={disabled}
            aria-invalid={invalid("withinDays")}
            aria-describedby={errorId}
            onChange={(e) => set({ withinDays: e.currentTarget.value })}
          />
          <span className="unit">{t("builder.withinDaysHint")}</span>
        </span>
      </>
    );
  } else if (shape === "range") {
    value = (
      <>
        {numberInput("value", t("builder.from"), { unit })}
        <span className="crit-word">{t("builder.rangeAnd")}</span>
        {numberInput("value2", t("builder.to"), { unit })}
      </>
    );
  } else if (shape === "days") {
    value = numberInput("value", t("builder.value"), { integer: true, unit: t("builder.days"), short: true });
  } else if (shape === "date") {
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(node.value) && !Number.isNaN(Date.parse(node.value));
    value = (
      <span className="crit-unit-input">
        <label className="visually-hidden" htmlFor={id("value")}>
          {t("builder.date")}
        </label>
        <input
          id={id("value")}
          type="date"
          value={node.value}
          disabled={disabled}
          aria-invalid={invalid("value")}
          aria-describedby={errorId}
          onChange={(e) => set({ value: e.currentTarget.value })}
        />
        {valid ? (
          <output className="crit-date" htmlFor={id("value")} data-testid="date-shown">
            {formatLocalDate(locale, node.value)}
          </output>
        ) : null}
      </span>
    );
  } else if (shape === "time") {
    value = (
      <>
        <label className="visually-hidden" htmlFor={id("value")}>
          {t("builder.time")}
        </label>
        <input
          id={id("value")}
          type="time"
          dir="ltr"
          value={node.value}
          disabled={disabled}
          aria-invalid={invalid("value")}
          aria-describedby={errorId}
          onChange={(e) => set({ value: e.currentTarget.value })}
        />
      </>
    );
  } else if (shape === "list" && kind === "choice") {
    value = (
      <span className="crit-checks" role="group" aria-label={t("builder.values")} aria-invalid={invalid("value")}>
        {(custom?.options ?? []).map((o) => (
          <label key={o.id}>
            <input
              type="checkbox"
              checked={node.values.includes(o.id)}
              disabled={disabled}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                set({ values: checked ? [...node.values, o.id] : node.values.filter((x) => x !== o.id) });
              }}
            />
            <span>{localized(o.label, locale)}</span>
          </label>
        ))}
      </span>
    );
  } else if (shape === "list" && kind === "enum") {
    value = (
      <span className="crit-checks" role="group" aria-label={t("builder.values")} aria-invalid={invalid("value")}>
        {enumValues(node.field).map((v) => (
          <label key={v}>
            <input
              type="checkbox"
              checked={node.values.includes(v)}
              disabled={disabled}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                set({ values: checked ? [...node.values, v] : node.values.filter((x) => x !== v) });
              }}
            />
            <EnumLabel field={node.field} value={v} />
          </label>
        ))}
      </span>
    );
  } else if (shape === "list") {
    value = <ValueList values={node.values} onChange={(values) => set({ values })} dir={ltr ? "ltr" : "auto"} invalid={invalid("value")} />;
  } else if (shape === "single" && kind === "enum") {
    value = (
      <>
        <label className="visually-hidden" htmlFor={id("value")}>
          {t("builder.value")}
        </label>
        <select id={id("value")} value={node.value} disabled={disabled} aria-invalid={invalid("value")} aria-describedby={errorId} onChange={(e) => set({ value: e.currentTarget.value })}>
          <option value="" disabled>
            {t("builder.choose")}
          </option>
          {enumValues(node.field).map((v) => (
            <option key={v} value={v}>
              {enumLabel(node.field, v, t)}
            </option>
          ))}
        </select>
      </>
    );
  } else if (shape === "single" && kind === "text") {
    value = (
      <>
        <label className="visually-hidden" htmlFor={id("value")}>
          {t("builder.value")}
        </label>
        <input
          id={id("value")}
          type="text"
          dir={ltr ? "ltr" : "auto"}
          value={node.value}
          disabled={disabled}
          aria-invalid={invalid("value")}
          aria-describedby={errorId}
          onChange={(e) => set({ value: e.currentTarget.value })}
        />
      </>
    );
  } else if (shape === "single") {
    value = numberInput("value", t("builder.value"), { integer: kind === "number" && node.field !== "last_rating" && node.field !== "custom_field", unit });
  }

  return (
    <fieldset className={`crit-condition${negation ? " crit-negated" : ""}`} aria-invalid={own.length ? true : undefined}>
      <legend className="visually-hidden">{t("builder.conditionN", { n })}</legend>
      {negation ? (
        <span className="crit-not" title={t("builder.notHint")}>
          {t("builder.not")}
        </span>
      ) : null}
      <div className="crit-line">
        <label className="visually-hidden" htmlFor={id("field")}>
          {t("builder.field")}
        </label>
        <select
          id={id("field")}
          className="crit-field"
          value={fieldChoice(node)}
          disabled={disabled}
          aria-invalid={invalid("field") ?? invalid("fieldId")}
          onChange={(e) => update(node.id, (c) => withField(c as DraftCondition, e.currentTarget.value, fields))}
        >
          {fieldCategories.map((category) => (
            <optgroup key={category.key} label={t(`fieldGroups.${category.key}`)}>
              {category.fields.map((field) => (
                <option key={field} value={field}>
                  {t(`fields.${field}`)}
                </option>
              ))}
            </optgroup>
          ))}
          {fields.length > 0 || (node.field === "custom_field" && !custom) ? (
            <optgroup label={t("fieldGroups.custom")}>
              {fields.map((f) => (
                <option key={f.id} value={`${CUSTOM_PREFIX}${f.id}`}>
                  {localized(f.name, locale)}
                </option>
              ))}
              {node.field === "custom_field" && !custom ? <option value={fieldChoice(node)}>{t("builder.unknownField")}</option> : null}
            </optgroup>
          ) : null}
        </select>
        {kind === "product" ? (
          <>
            <label className="visually-hidden" htmlFor={id("product")}>
              {t("builder.product")}
            </label>
            <input
              id={id("product")}
              type="text"
              dir="ltr"
              placeholder={t("builder.productPlaceholder")}
              value={node.product}
              disabled={disabled}
              aria-invalid={invalid("product")}
              aria-describedby={errorId}
              onChange={(e) => set({ product: e.currentTarget.value })}
            />
          </>
        ) : null}
        <label className="visually-hidden" htmlFor={id("op")}>
          {t("builder.operator")}
        </label>
        <select id={id("op")} value={node.op} disabled={disabled} aria-invalid={invalid("op")} onChange={(e) => update(node.id, (c) => withOperator(c as DraftCondition, e.currentTarget.value))}>
          {operatorsFor(node.field, node.customType).map((op) => (
            <option key={op} value={op}>
              {t(`ops.${op}`)}
            </option>
          ))}
        </select>
        {value}
        {!disabled ? (
          <span className="crit-actions">
            {negation ? (
              <button type="button" className="button small subtle" onClick={() => update(negation.id, () => node)}>
                {t("builder.unwrap")}
              </button>
            ) : (
              <button
                type="button"
                className="button small subtle"
                aria-label={t("builder.negateCondition", { n })}
                onClick={() => update(node.id, (c) => ({ id: newId(), type: "not", child: c }))}
              >
                {t("builder.not")}
              </button>
            )}
            <button type="button" className="button small subtle danger" aria-label={t("builder.removeCondition", { n })} onClick={() => remove(negation?.id ?? node.id)}>
              <CloseIcon />
            </button>
          </span>
        ) : null}
      </div>
      <IssueLines issues={own} id={errorId} />
    </fieldset>
  );
}

function enumLabel(field: string, value: string, t: (key: string, options?: Record<string, unknown>) => string) {
  if (field === "language") return isLanguage(value) ? languageNames[value] : value;
  return t(`${field}.${value}`, { ns: "customers" });
}

function EnumLabel({ field, value }: { field: string; value: string }) {
  const { t } = useTranslation("groups");
  return <span lang={field === "language" ? value : undefined}>{enumLabel(field, value, t)}</span>;
}

/** A list of typed values (for "is one of"): Enter or the button adds, each chip can be removed. */
function ValueList({ values, onChange, dir, invalid }: { values: string[]; onChange: (values: string[]) => void; dir: "ltr" | "auto"; invalid?: boolean }) {
  const { t } = useTranslation("groups");
  const { disabled } = useBuilder();
  const [typed, setTyped] = useState("");
  const add = () => {
    const parts = typed
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v && !values.includes(v));
    if (parts.length) onChange([...values, ...parts]);
    setTyped("");
  };
  return (
    <span className="chips" role="group" aria-label={t("builder.values")} aria-invalid={invalid}>
      {values.map((v) => (
        <span key={v} className="chip">
          <bdi dir={dir}>{v}</bdi>
          {!disabled ? (
            <button type="button" aria-label={t("builder.removeValue", { value: v })} onClick={() => onChange(values.filter((x) => x !== v))}>
              <CloseIcon />
            </button>
          ) : null}
        </span>
      ))}
      {!disabled ? (
        <>
          <input
            type="text"
            dir={dir}
            aria-label={t("builder.newValue")}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === ",") {
                e.preventDefault();
                add();
              } else if (e.key === "Backspace" && typed === "" && values.length) onChange(values.slice(0, -1));
            }}
            onBlur={() => typed.trim() && add()}
          />
          <button type="button" className="button small" onClick={add}>
            {t("builder.addValue")}
          </button>
        </>
      ) : null}
    </span>
  );
}
