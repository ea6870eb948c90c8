import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { parseMessage } from "~/modules/validation/messages";
import { formatNumber } from "~/utils/format";

export function useErrorText() {
  const { t, i18n } = useTranslation("validation");
  return (raw: string) => {
    const { key, params } = parseMessage(raw);
    // Numbers are shown in the reader's digits; count stays a number for plural selection.
    const shown = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [name, typeof value === "number" && name !== "count" ? formatNumber(i18n.language, value) : value]),
    );
    return t(key, shown);
  };
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{text(error)}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password" | "search" | "tel" | "url" | "number" | "date";

export function TextField({
  field,
  label,
  type = "text",
  autoComplete,
  hint,
  dir,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  type?: InputType;
  autoComplete?: string;
  hint?: string;
  dir?: "ltr" | "rtl" | "auto";
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined })} autoComplete={autoComplete} dir={dir} />
      {hint ? (
        <p id={`${field.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
