import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/ui/field";
import { changePassword, setUserLanguage } from "~/modules/auth/account.server";
import { ChangePasswordSchema, LanguageSchema, safeRedirect } from "~/modules/auth/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { languageNames, languages } from "~/utils/i18n";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, null, async ({ user }) => ({ name: user.name, email: user.email }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  return inShop(args, null, async (shop) => {
    if (intent === "language") {
      const submission = parseWithZod(formData, { schema: LanguageSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
      await setUserLanguage(shop.user.id, submission.value.language);
      const back = formData.get("redirectTo");
      throw redirect(safeRedirect(typeof back === "string" ? back : null, `/m/${shop.merchant.slug}/settings/account`));
    }
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply({ resetForm: false, hideFields: ["currentPassword", "newPassword", "confirmPassword"] }), saved: false }, { status: 400 });
    const changed = await changePassword(shop, submission.value);
    if (!changed.ok) {
      return data(
        { intent, result: submission.reply({ fieldErrors: { currentPassword: ["wrongPassword"] }, hideFields: ["currentPassword", "newPassword", "confirmPassword"] }), saved: false },
        { status: 400 },
      );
    }
    return data({ intent, result: submission.reply({ resetForm: true }), saved: true }, { headers: { "Set-Cookie": changed.cookie } });
  });
}

export default function AccountSettings() {
  const { t } = useTranslation("settings");
  const me = useLoaderData<typeof loader>();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const [languageForm, languageFields] = useForm({
    id: "language",
    lastResult: actionData?.intent === "language" ? actionData.result : undefined,
    defaultValue: { language: locale },
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onBlur",
  });

  return (
    <>
      <section className="panel">
        <h2>{t("account.title")}</h2>
        <dl className="facts">
          <dt>{t("account.name")}</dt>
          <dd>{me.name}</dd>
          <dt>{t("account.email")}</dt>
          <dd dir="ltr">{me.email}</dd>
        </dl>
      </section>
      <section className="panel">
        <h2>{t("account.languageTitle")}</h2>
        <Form method="post" {...getFormProps(languageForm)} key={locale}>
          <input type="hidden" name="intent" value="language" />
          <SelectField field={languageFields.language} label={t("account.language")} options={languages.map((l) => ({ value: l, label: languageNames[l] }))} />
          <button type="submit" className="button">
            {t("save", { ns: "common" })}
          </button>
        </Form>
      </section>
      <section className="panel">
        <h2>{t("account.passwordTitle")}</h2>
        <p className="hint">{t("account.passwordHint")}</p>
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <TextField field={passwordFields.currentPassword} label={t("account.currentPassword")} type="password" autoComplete="current-password" />
          <TextField field={passwordFields.newPassword} label={t("account.newPassword")} type="password" autoComplete="new-password" />
          <TextField field={passwordFields.confirmPassword} label={t("account.confirmPassword")} type="password" autoComplete="new-password" />
          <button type="submit" className="button primary">
            {t("account.changePassword")}
          </button>
          {actionData?.intent === "password" && actionData.saved ? <p role="status">{t("account.passwordChanged")}</p> : null}
        </Form>
      </section>
    </>
  );
}
