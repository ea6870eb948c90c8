import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField } from "~/components/ui/field";
import { settingsFor, type FieldFormValues, type FieldRefusal } from "~/modules/custom-fields/form";
import { customFieldSchema, type CustomFieldInput } from "~/modules/custom-fields/schemas";
import { customFieldLocations, customFieldTypes, customFieldVisibilities, type CustomFieldType, type Localized } from "~/modules/custom-fields/values";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { languageNames, languages, textDirection, type Language } from "~/utils/i18n";

type Texts = Record<Language, string>;
/** The form's inputs as conform sees them (numbers and flags travel as text). */
interface FieldFormShape {
  key: string;
  name: Texts;
  type: CustomFieldType;
  location: string;
  requiredGroupIds: string[];
  minLength: string;
  maxLength: string;
  minValue: string;
  maxValue: string;
  pattern: string;
  patternMessage: Texts;
  placeholder: Texts;
  help: Texts;
  defaultValue: string;
  sortOrder: string;
  enabled: string;
  visibility: string;
  options: Array<{ id: string; label: Texts }>;
}

type RequiredMode = "none" | "all" | "groups";
interface DraftOption {
  /** React's key: stays with the option while it moves. */
  uid: string;
  /** The stored option's id ("" for a new one): sent back so renaming keeps its answers. */
  id: string;
  label: Localized;
}

let nextUid = 0;
const draft = (id: string, label: Localized): DraftOption => ({ uid: `o${(nextUid += 1)}`, id, label });
const text = (value: number | string | null) => (value === null ? "" : String(value));

/**
 * Creating and editing a custom field. Texts come in every language (the name is required in the shop's); only
 * the settings that apply to the chosen type are shown. The same schema judges the form in the browser and on the
 * server; refusals that need an explanation or a confirmation (options holding answers) come as `refusal`.
 */
export function FieldForm({
  shop,
  groups,
  defaultValue,
  isNew,
  lastResult,
  refusal,
  submitLabel,
}: {
  shop: { defaultLanguage: string; country: string; timezone: string };
  groups: Array<{ id: string; name: string }>;
  defaultValue: FieldFormValues;
  isNew: boolean;
  lastResult?: SubmissionResult<string[]> | null;
  refusal?: FieldRefusal | null;
  submitLabel: string;
}) {
  const { t } = useTranslation("customFields");
  const locale = useLocale();
  const schema = useMemo(
    () => customFieldSchema(shop.defaultLanguage, { country: shop.country, timeZone: shop.timezone }),
    [shop.defaultLanguage, shop.country, shop.timezone],
  );
  const [form, fields] = useForm<FieldFormShape, CustomFieldInput>({
    id: "custom-field",
    lastResult,
    defaultValue: {
      key: defaultValue.key,
      name: defaultValue.name,
      type: defaultValue.type,
      location: defaultValue.location,
      requiredGroupIds: defaultValue.requiredGroupIds,
      minLength: text(defaultValue.minLength),
      maxLength: text(defaultValue.maxLength),
      minValue: text(defaultValue.minValue),
      maxValue: text(defaultValue.maxValue),
      pattern: defaultValue.pattern ?? "",
      patternMessage: defaultValue.patternMessage,
      placeholder: defaultValue.placeholder,
      help: defaultValue.help,
      defaultValue: defaultValue.defaultValue,
      sortOrder: String(defaultValue.sortOrder),
      enabled: String(defaultValue.enabled),
      visibility: defaultValue.visibility,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [type, setType] = useState<CustomFieldType>(defaultValue.type);
  const [requiredMode, setRequiredMode] = useState<RequiredMode>(
    defaultValue.requiredForAll ? "all" : defaultValue.requiredGroupIds.length > 0 ? "groups" : "none",
  );
  const [options, setOptions] = useState<DraftOption[]>(() => defaultValue.options.map((o) => draft(o.id, o.label)));
  const shows = settingsFor(type);
  const ordered = [shop.defaultLanguage as Language, ...languages.filter((l) => l !== shop.defaultLanguage)];
  const nameFields = fields.name.getFieldset();
  const placeholderFields = fields.placeholder.getFieldset();
  const helpFields = fields.help.getFieldset();
  const patternMessageFields = fields.patternMessage.getFieldset();

  const chooseType = (next: CustomFieldType) => {
    setType(next);
    if (settingsFor(next).options && options.length === 0) setOptions([draft("", {})]);
  };
  const move = (index: number, by: -1 | 1) =>
    setOptions((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  const relabel = (uid: string, lng: Language, value: string) =>
    setOptions((list) => list.map((o) => (o.uid === uid ? { ...o, label: { ...o.label, [lng]: value } } : o)));

  return (
    <Form method="post" {...getFormProps(form)} className="field-form" aria-label={submitLabel}>
      <ErrorList id={form.errorId} errors={form.errors} />

      <section className="panel">
        <h2>{t("form.basics")}</h2>
        <div className="form-row">
          <div className="field">
            <label htmlFor={fields.key.id}>{t("form.key")}</label>
            <input
              {...getInputProps(fields.key, { type: "text", ariaDescribedBy: `${fields.key.id}-hint` })}
              readOnly={!isNew}
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
            />
            <p id={`${fields.key.id}-hint`} className="hint">
              {isNew ? t("form.keyHint") : t("form.keyFixedHint")}
            </p>
            <ErrorList id={fields.key.errorId} errors={fields.key.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.type.id}>{t("form.type")}</label>
            <select {...getSelectProps(fields.type)} onChange={(e) => chooseType(e.currentTarget.value as CustomFieldType)}>
              {customFieldTypes.map((value) => (
                <option key={value} value={value}>
                  {t(`types.${value}`)}
                </option>
              ))}
            </select>
            <ErrorList id={fields.type.errorId} errors={fields.type.errors} />
          </div>
        </div>
        <Choices
          field={fields.location}
          legend={t("form.location")}
          choices={customFieldLocations.map((value) => ({ value, label: t(`locations.${value}`), hint: t(`locationHints.${value}`) }))}
        />
      </section>

      <section className="panel">
        <h2>{t("form.texts")}</h2>
        <p className="hint">{t("form.textsHint", { language: languageNames[shop.defaultLanguage as Language] ?? shop.defaultLanguage })}</p>
        <div className="field-texts">
          <div className="field-text field-text-head" aria-hidden="true">
            <span>{t("form.language")}</span>
            <span>{t("form.name")}</span>
            {shows.placeholder ? <span>{t("form.placeholder")}</span> : null}
            <span>{t("form.help")}</span>
          </div>
          {ordered.map((lng) => (
            <div key={lng} className={`field-text${shows.placeholder ? "" : " no-placeholder"}`}>
              <span className="translation-language" lang={lng}>
                {languageNames[lng]}
                {lng === shop.defaultLanguage ? <span className="required-mark">{t("form.required")}</span> : null}
              </span>
              <LocalizedInput field={nameFields[lng]} lng={lng} label={t("form.nameIn", { language: languageNames[lng] })} />
              {shows.placeholder ? (
                <LocalizedInput field={placeholderFields[lng]} lng={lng} label={t("form.placeholderIn", { language: languageNames[lng] })} />
              ) : null}
              <LocalizedInput field={helpFields[lng]} lng={lng} label={t("form.helpIn", { language: languageNames[lng] })} multiline />
            </div>
          ))}
        </div>
      </section>

      {shows.options ? (
        <section className="panel" aria-labelledby="options-title">
          <h2 id="options-title">{t("form.options")}</h2>
          <p className="hint">{t("form.optionsHint")}</p>
          <ErrorList id={fields.options.errorId} errors={fields.options.errors} />
          <ol className="option-list">
            {options.map((option, i) => {
              const n = formatNumber(locale, i + 1);
              return (
                <li key={option.uid}>
                  <fieldset className="option">
                    <legend>{t("form.optionN", { n })}</legend>
                    <input type="hidden" name={`options[${i}].id`} value={option.id} />
                    <div className="option-labels">
                      {ordered.map((lng) => {
                        const name = `options[${i}].label.${lng}`;
                        const id = `${form.id}-option-${option.uid}-${lng}`;
                        const errors = form.allErrors[name];
                        return (
                          <div key={lng} className="field">
                            <label htmlFor={id} className="small">
                              {languageNames[lng]}
                            </label>
                            <input
                              id={id}
                              aria-label={t("form.optionLabelIn", { n, language: languageNames[lng] })}
                              name={name}
                              value={option.label[lng] ?? ""}
                              onChange={(e) => relabel(option.uid, lng, e.currentTarget.value)}
                              lang={lng}
                              dir={textDirection(lng)}
                              aria-invalid={errors?.length ? true : undefined}
                              aria-describedby={errors?.length ? `${id}-error` : undefined}
                            />
                            <ErrorList id={`${id}-error`} errors={errors} />
                          </div>
                        );
                      })}
                    </div>
                    <div className="option-actions">
                      <button type="button" className="button small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("form.moveUp", { n })}>
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button
                        type="button"
                        className="button small"
                        disabled={i === options.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={t("form.moveDown", { n })}
                      >
                        <span aria-hidden="true">↓</span>
                      </button>
                      <button type="button" className="button small danger" onClick={() => setOptions((list) => list.filter((o) => o.uid !== option.uid))}>
                        {t("form.removeOption", { n })}
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button type="button" className="button" onClick={() => setOptions((list) => [...list, draft("", {})])}>
            {t("form.addOption")}
          </button>
        </section>
      ) : null}

      <section className="panel">
        <h2>{t("form.validation")}</h2>
        <fieldset className="choices">
          <legend>{t("form.requiredMode")}</legend>
          {(["none", "all", "groups"] as const).map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" name="requiredMode" value={mode} checked={requiredMode === mode} onChange={() => setRequiredMode(mode)} />
              <span>{t(`form.required_${mode}`)}</span>
            </label>
          ))}
          {requiredMode === "all" ? <input type="hidden" name="requiredForAll" value="on" /> : null}
        </fieldset>
        {requiredMode === "groups" ? (
          <fieldset className="choices nested">
            <legend>{t("form.requiredGroups")}</legend>
            {groups.length === 0 ? <p className="hint">{t("form.noGroups")}</p> : null}
            {groups.map((group) => (
              <label key={group.id} className="choice">
                <input {...getInputProps(fields.requiredGroupIds, { type: "checkbox", value: group.id })} />
                <span>{group.name}</span>
              </label>
            ))}
            <ErrorList id={fields.requiredGroupIds.errorId} errors={fields.requiredGroupIds.errors} />
          </fieldset>
        ) : null}
        {shows.length ? (
          <div className="form-row">
            <TextField field={fields.minLength} label={t("form.minLength")} type="number" />
            <TextField field={fields.maxLength} label={t("form.maxLength")} type="number" />
          </div>
        ) : null}
        {shows.range ? (
          <div className="form-row">
            <TextField field={fields.minValue} label={t("form.minValue")} dir="ltr" />
            <TextField field={fields.maxValue} label={t("form.maxValue")} dir="ltr" />
          </div>
        ) : null}
        {shows.pattern ? (
          <>
            <TextField field={fields.pattern} label={t("form.pattern")} hint={t("form.patternHint")} dir="ltr" />
            <fieldset className="choices">
              <legend>{t("form.patternMessage")}</legend>
              <div className="pattern-messages">
                {ordered.map((lng) => (
                  <div key={lng} className="pattern-message">
                    <span className="translation-language" lang={lng} aria-hidden="true">
                      {languageNames[lng]}
                    </span>
                    <LocalizedInput field={patternMessageFields[lng]} lng={lng} label={t("form.patternMessageIn", { language: languageNames[lng] })} />
                  </div>
                ))}
              </div>
            </fieldset>
          </>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("form.display")}</h2>
        <div className="form-row">
          {shows.defaultValue ? (
            <DefaultValueInput key={type} field={fields.defaultValue} type={type} initial={type === defaultValue.type ? defaultValue.defaultValue : ""} />
          ) : null}
          <TextField field={fields.sortOrder} label={t("form.sortOrder")} type="number" hint={t("form.sortOrderHint")} />
        </div>
        <Choices
          field={fields.enabled}
          legend={t("form.status")}
          choices={[
            { value: "true", label: t("status.enabled") },
            { value: "false", label: t("status.disabled") },
          ]}
        />
        <Choices
          field={fields.visibility}
          legend={t("form.visibility")}
          choices={customFieldVisibilities.map((value) => ({ value, label: t(`visibilities.${value}`) }))}
        />
      </section>

      {refusal ? <RefusalPanel refusal={refusal} type={type} /> : null}
      <div className="form-actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

function LocalizedInput({ field, lng, label, multiline }: { field: Parameters<typeof getInputProps>[0]; lng: Language; label: string; multiline?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={field.id} className="visually-hidden">
        {label}
      </label>
      {multiline ? (
        <textarea {...getTextareaProps(field)} lang={lng} dir={textDirection(lng)} rows={1} />
      ) : (
        <input {...getInputProps(field, { type: "text" })} lang={lng} dir={textDirection(lng)} />
      )}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Choices({ field, legend, choices }: { field: Parameters<typeof getInputProps>[0]; legend: string; choices: Array<{ value: string; label: string; hint?: string }> }) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input {...getInputProps(field, { type: "radio", value: choice.value })} />
          {choice.hint ? (
            <span>
              <strong>{choice.label}</strong>
              <span className="hint">{choice.hint}</span>
            </span>
          ) : (
            <span>{choice.label}</span>
          )}
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

const inputTypes: Partial<Record<CustomFieldType, string>> = { date: "date", time: "time", datetime: "datetime-local", email: "email", url: "url", phone: "tel" };

/** The default answer, entered as a customer would enter it for this type. */
function DefaultValueInput({ field, type, initial }: { field: Parameters<typeof getInputProps>[0]; type: CustomFieldType; initial: string }) {
  const { t } = useTranslation("customFields");
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("form.defaultValue")}</label>
      {type === "yesno" ? (
        <select id={field.id} name={field.name} defaultValue={initial} aria-invalid={field.errors ? true : undefined} aria-describedby={field.errorId}>
          <option value="">{t("form.noDefault")}</option>
          <option value="true">{t("form.yes")}</option>
          <option value="false">{t("form.no")}</option>
        </select>
      ) : type === "textarea" ? (
        <textarea id={field.id} name={field.name} defaultValue={initial} rows={2} aria-invalid={field.errors ? true : undefined} aria-describedby={field.errorId} />
      ) : (
        <input
          id={field.id}
          name={field.name}
          type={inputTypes[type] ?? "text"}
          defaultValue={initial}
          inputMode={type === "number" ? "decimal" : undefined}
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={field.errorId}
        />
      )}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** What the server refused and why; for options that hold answers, the way to remove them anyway. */
function RefusalPanel({ refusal, type }: { refusal: FieldRefusal; type: CustomFieldType }) {
  const { t } = useTranslation("customFields");
  const locale = useLocale();
  const list = (items: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  if (refusal.error === "usedByGroups") {
    return (
      <p className="panel refusal" role="alert">
        {t("errors.usedByGroups", { count: refusal.groups.length, groups: list(refusal.groups) })}
      </p>
    );
  }
  if (refusal.error === "typeChange") {
    return (
      <p className="panel refusal" role="alert">
        {t("errors.typeChange", {
          count: refusal.failed,
          failed: formatNumber(locale, refusal.failed),
          total: formatNumber(locale, refusal.total),
          type: t(`types.${type}`),
          example: refusal.example,
        })}
      </p>
    );
  }
  return (
    <div className="panel refusal" role="alert" aria-labelledby="confirm-options-title">
      <h2 id="confirm-options-title">{t("confirmOptions.title")}</h2>
      <ul>
        {refusal.options.map((option) => (
          <li key={option.id}>
            {t("confirmOptions.option", { label: option.label, count: option.customers, n: formatNumber(locale, option.customers) })}
          </li>
        ))}
      </ul>
      <p>{t("confirmOptions.body")}</p>
      <button type="submit" name="confirm" value="yes" className="button danger">
        {t("confirmOptions.button")}
      </button>
    </div>
  );
}
