import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, useErrorText } from "~/components/ui/field";
import type { Criteria } from "~/modules/groups/criteria";
import { criteriaSchemaFor, type CriteriaField } from "~/modules/groups/custom-criteria";
import { groupFormSchema } from "~/modules/groups/form";
import { groupKinds, type GroupInput } from "~/modules/groups/schemas";
import { useLocale } from "~/root";
import type { PreviewResult } from "~/routes/m.$shop.groups.preview";
import { formatNumber } from "~/utils/format";
import { languageNames, languages, textDirection, type Language } from "~/utils/i18n";
import { CriteriaBuilder } from "./criteria-builder";
import { fromCriteria, issuesByNode, toCriteria, type DraftGroup, type NodeIssue } from "./criteria-model";

export interface GroupFormValues {
  name: Partial<Record<Language, string>>;
  description: Partial<Record<Language, string>>;
  color: string;
  sortOrder: number;
  kind: (typeof groupKinds)[number];
  needsApproval: boolean;
  selectableAtSignup: boolean;
  isDefault: boolean;
  criteria: Criteria | null;
}

/** The form's fields as conform sees them (criteria travels as JSON text). */
interface GroupFormShape {
  name: Record<Language, string>;
  description: Record<Language, string>;
  color: string;
  sortOrder: number;
  kind: (typeof groupKinds)[number];
  needsApproval: boolean;
  selectableAtSignup: boolean;
  isDefault: boolean;
  criteria: string;
}

const PREVIEW_DELAY_MS = 400;

/**
 * Creating and editing a group: texts per language, appearance, kind and flags, and for automatic and hybrid groups
 * the criteria builder with a live preview. The tree is submitted as JSON in the hidden input `criteria` and judged
 * by the same schema in the browser and on the server; issues are shown on the node they are about.
 */
export function GroupForm({
  shop,
  fields: customFields,
  defaultValue,
  lastResult,
  submitLabel,
  readOnly,
}: {
  shop: { slug: string; currency: string; timezone: string; defaultLanguage: string };
  /** The shop's account custom fields, for conditions on them. */
  fields: CriteriaField[];
  defaultValue: GroupFormValues;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  readOnly: boolean;
}) {
  const { t } = useTranslation("groups");
  const schema = useMemo(() => groupFormSchema(shop.defaultLanguage, customFields), [shop.defaultLanguage, customFields]);
  const criteriaSchema = useMemo(() => criteriaSchemaFor(customFields), [customFields]);
  const [form, fields] = useForm<GroupFormShape, GroupInput>({
    id: "group",
    lastResult,
    defaultValue: {
      name: defaultValue.name,
      description: defaultValue.description,
      color: defaultValue.color,
      sortOrder: String(defaultValue.sortOrder),
      kind: defaultValue.kind,
      needsApproval: defaultValue.needsApproval ? "on" : undefined,
      selectableAtSignup: defaultValue.selectableAtSignup ? "on" : undefined,
      isDefault: defaultValue.isDefault ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [kind, setKind] = useState(defaultValue.kind);
  const [tree, setTree] = useState<DraftGroup>(() => fromCriteria(defaultValue.criteria, customFields));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const criteriaJson = useMemo(() => JSON.stringify(toCriteria(tree)), [tree]);
  const [attempts, setAttempts] = useState(0);
  const builderRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A save refused for the conditions alone leaves focus on the button; take the reader to the first bad input.
    if (attempts === 0 || !(document.activeElement instanceof HTMLButtonElement)) return;
    builderRef.current?.querySelector<HTMLElement>('input[aria-invalid="true"], select[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const onTreeChange = useCallback((next: DraftGroup, changed: string) => {
    setTree(next);
    setTouched((before) => new Set(before).add(changed));
  }, []);

  const nodeIssues = useMemo(() => {
    const parsed = criteriaSchema.safeParse(JSON.parse(criteriaJson));
    const live = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
    // What the server (or the submit check) said about exactly this tree still stands.
    const reported =
      submitted === criteriaJson
        ? Object.entries(form.allErrors)
            .filter(([name]) => name === "criteria" || name.startsWith("criteria."))
            .flatMap(([name, messages]) => messages.map((message) => ({ path: name, message })))
        : [];
    const byNode = issuesByNode(tree, [...live, ...reported]);
    // Before the first save, a node shows what is wrong with what was typed into it, not what is still missing.
    const shown = new Map<string, NodeIssue[]>();
    for (const [id, list] of byNode) {
      const visible = showAll ? list : touched.has(id) && id !== "" ? list.filter((i) => i.message !== "required") : [];
      if (visible.length) shown.set(id, visible);
    }
    return shown;
  }, [criteriaJson, criteriaSchema, form.allErrors, submitted, tree, showAll, touched]);

  const formProps = getFormProps(form);
  const nameFields = fields.name.getFieldset();
  const descriptionFields = fields.description.getFieldset();
  const text = useErrorText();

  return (
    <Form
      method="post"
      {...formProps}
      onSubmit={(event) => {
        // From the first attempt to save on, every node shows all that is wrong with it, also what is missing.
        setShowAll(true);
        setSubmitted(criteriaJson);
        formProps.onSubmit(event);
        if (event.defaultPrevented) setAttempts((n) => n + 1);
      }}
      className="group-form"
      aria-label={submitLabel}
    >
      <ErrorList id={form.errorId} errors={form.errors} />
      {readOnly ? <p className="notice">{t("form.readOnly")}</p> : null}
      <fieldset className="plain" disabled={readOnly}>
        <section className="panel">
          <h2>{t("form.names")}</h2>
          <p className="hint">{t("form.namesHint", { language: languageNames[shop.defaultLanguage as Language] ?? shop.defaultLanguage })}</p>
          <div className="translations">
            <div className="translation translation-head" aria-hidden="true">
              <span>{t("form.language")}</span>
              <span>{t("form.name")}</span>
              <span>{t("form.description")}</span>
            </div>
            {[shop.defaultLanguage as Language, ...languages.filter((l) => l !== shop.defaultLanguage)].map((lng) => {
              const name = nameFields[lng];
              const description = descriptionFields[lng];
              return (
                <div key={lng} className="translation">
                  <span className="translation-language" lang={lng}>
                    {languageNames[lng]}
                    {lng === shop.defaultLanguage ? <span className="required-mark">{t("form.required")}</span> : null}
                  </span>
                  <div className="field">
                    <label htmlFor={name.id} className="visually-hidden">
                      {t("form.nameIn", { language: languageNames[lng] })}
                    </label>
                    <input {...getInputProps(name, { type: "text" })} lang={lng} dir={textDirection(lng)} />
                    <ErrorList id={name.errorId} errors={name.errors} />
                  </div>
                  <div className="field">
                    <label htmlFor={description.id} className="visually-hidden">
                      {t("form.descriptionIn", { language: languageNames[lng] })}
                    </label>
                    <textarea {...getTextareaProps(description)} lang={lng} dir={textDirection(lng)} rows={1} />
                    <ErrorList id={description.errorId} errors={description.errors} />
                  </div>
                </div>
              );
            })}
          </div>
        </section>

        <section className="panel">
          <h2>{t("form.appearance")}</h2>
          <div className="form-row">
            <div className="field">
              <label htmlFor={fields.color.id}>{t("form.color")}</label>
              <input {...getInputProps(fields.color, { type: "color" })} className="color-input" />
              <ErrorList id={fields.color.errorId} errors={fields.color.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.sortOrder.id}>{t("form.sortOrder")}</label>
              <input {...getInputProps(fields.sortOrder, { type: "number", ariaDescribedBy: `${fields.sortOrder.id}-hint` })} min={0} step={1} className="short" />
              <p id={`${fields.sortOrder.id}-hint`} className="hint">
                {t("form.sortOrderHint")}
              </p>
              <ErrorList id={fields.sortOrder.errorId} errors={fields.sortOrder.errors} />
            </div>
          </div>
          <fieldset className="choices">
            <legend>{t("form.kind")}</legend>
            {groupKinds.map((k) => (
              <label key={k} className="choice">
                <input {...getInputProps(fields.kind, { type: "radio", value: k })} onChange={() => setKind(k)} />
                <span>
                  <strong>{t(`kinds.${k}`)}</strong>
                  <span className="hint">{t(`kindHints.${k}`)}</span>
                </span>
              </label>
            ))}
            <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
          </fieldset>
          <fieldset className="choices">
            <legend>{t("form.options")}</legend>
            {(["needsApproval", "selectableAtSignup", "isDefault"] as const).map((flag) => (
              <label key={flag} className="choice">
                <input {...getInputProps(fields[flag], { type: "checkbox" })} />
                <span>{t(`form.${flag}`)}</span>
              </label>
            ))}
          </fieldset>
        </section>

        {kind !== "manual" ? (
          <section className="panel criteria-panel" aria-labelledby="criteria-title">
            <h2 id="criteria-title">{t("form.criteria")}</h2>
            <p className="hint">{t("form.criteriaHint")}</p>
            <input type="hidden" name="criteria" value={criteriaJson} />
            <div className="criteria-layout">
              <div ref={builderRef}>
                {nodeIssues.get("")?.length ? (
                  <ul className="field-errors" role="alert">
                    {nodeIssues.get("")!.map((issue) => (
                      <li key={issue.message}>{text(issue.message)}</li>
                    ))}
                  </ul>
                ) : null}
                <CriteriaBuilder root={tree} onChange={onTreeChange} issues={nodeIssues} currency={shop.currency} fields={customFields} disabled={readOnly} />
              </div>
              <LivePreview criteriaJson={criteriaJson} shopSlug={shop.slug} />
            </div>
          </section>
        ) : null}
      </fieldset>
      {!readOnly ? (
        <div className="form-actions">
          <button type="submit" className="button primary">
            {submitLabel}
          </button>
        </div>
      ) : null}
    </Form>
  );
}

/** Counts the customers the unsaved criteria match, a moment after the last change. */
function LivePreview({ criteriaJson, shopSlug }: { criteriaJson: string; shopSlug: string }) {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const text = useErrorText();
  const fetcher = useFetcher<PreviewResult>();
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const [asked, setAsked] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setAsked(criteriaJson);
      void submit.current({ criteria: criteriaJson }, { method: "post", action: `/m/${shopSlug}/groups/preview` });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [criteriaJson, shopSlug]);

  const result = fetcher.data;
  const loading = fetcher.state !== "idle" || asked !== criteriaJson;
  return (
    <aside className="preview" aria-labelledby="preview-title" aria-busy={loading}>
      <h3 id="preview-title">{t("preview.title")}</h3>
      <p className="hint">{t("preview.hint")}</p>
      <div role="status" aria-live="polite">
        {!result ? (
          <p className="muted">{t("preview.loading")}</p>
        ) : result.ok ? (
          <>
            <p className={`preview-count${loading ? " stale" : ""}`} data-testid="preview-count">
              {t("preview.matching", { count: result.count, n: formatNumber(locale, result.count) })}
            </p>
            {result.count === 0 ? <p className="muted">{t("preview.none")}</p> : null}
          </>
        ) : result.timedOut ? (
          <p className="field-errors">{t("preview.failed")}</p>
        ) : result.issues.every((i) => i.message === "required") ? (
          <p className={`muted${loading ? " stale" : ""}`}>{t("preview.incomplete")}</p>
        ) : (
          <div className={loading ? "stale" : undefined}>
            <p>{t("preview.invalid")}</p>
            <ul className="field-errors">
              {[...new Set(result.issues.map((i) => i.message))].slice(0, 3).map((message) => (
                <li key={message}>{text(message)}</li>
              ))}
            </ul>
          </div>
        )}
        {loading && result ? <p className="muted small">{t("preview.loading")}</p> : null}
      </div>
      {result?.ok && result.sample.length > 0 ? (
        <>
          <h4>{t("preview.sample")}</h4>
          <ul className="preview-sample">
            {result.sample.map((c) => (
              <li key={c.id}>
                <Link to={`/m/${shopSlug}/customers/${c.id}`} lang={c.locale ?? undefined}>
                  {c.name}
                </Link>
                <span className="muted">
                  <bdi dir="ltr">{c.email}</bdi>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
