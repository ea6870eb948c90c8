import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthShell } from "~/components/auth-shell";
import { SelectField, TextField } from "~/components/ui/field";
import { SignupSchema } from "~/modules/auth/schemas";
import { startSession } from "~/modules/auth/session.server";
import { createMerchantWithOwner } from "~/modules/merchants/create-merchant.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { languageNames, languages } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Clientela" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.auth) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password"] }) };
  const created = await createMerchantWithOwner(submission.value);
  if (!created.ok) {
    return { result: submission.reply({ fieldErrors: { [created.field]: [created.error] }, hideFields: ["password"] }) };
  }
  throw redirect(`/m/${created.slug}`, { headers: { "Set-Cookie": await startSession(created.userId) } });
}

export default function Signup() {
  const { t } = useTranslation("auth");
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { language: locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  return (
    <AuthShell title={t("signup.title")}>
      <p className="lead">{t("signup.lead")}</p>
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.shopName} label={t("signup.shopName")} autoComplete="organization" />
        <TextField field={fields.slug} label={t("signup.slug")} hint={t("signup.slugHint")} dir="ltr" />
        <TextField field={fields.name} label={t("signup.name")} autoComplete="name" />
        <TextField field={fields.email} label={t("signup.email")} type="email" autoComplete="email" dir="ltr" />
        <TextField field={fields.password} label={t("signup.password")} type="password" autoComplete="new-password" hint={t("signup.passwordHint", { min: formatNumber(locale, 10) })} />
        <SelectField
          field={fields.language}
          label={t("signup.language")}
          options={languages.map((lng) => ({ value: lng, label: languageNames[lng] }))}
        />
        <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
          {t("signup.submit")}
        </button>
      </Form>
      <p className="switch">
        {t("signup.haveAccount")} <Link to="/login">{t("login.submit")}</Link>
      </p>
    </AuthShell>
  );
}
