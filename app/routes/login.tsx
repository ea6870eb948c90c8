import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthShell } from "~/components/auth-shell";
import { ErrorList, TextField } from "~/components/ui/field";
import { login } from "~/modules/auth/login.server";
import { LoginSchema, safeRedirect } from "~/modules/auth/schemas";
import { message } from "~/modules/validation/messages";

export const meta: MetaFunction = () => [{ title: "Clientela" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.auth) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password"] }) };
  const result = await login({ email: submission.value.email, password: submission.value.password, ip: context.clientIp });
  if (!result.ok) {
    const error = result.error === "throttled" ? message("throttled", { minutes: Math.ceil(result.retryAfter / 60) }) : result.error;
    const reply = submission.reply({ formErrors: [error], hideFields: ["password"] });
    return result.error === "throttled"
      ? data({ result: reply }, { status: 429, headers: { "Retry-After": String(result.retryAfter) } })
      : data({ result: reply }, { status: 401 });
  }
  throw redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onBlur",
  });

  return (
    <AuthShell title={t("login.title")}>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} value={searchParams.get("redirectTo") ?? ""} />
        <TextField field={fields.email} label={t("login.email")} type="email" autoComplete="email" dir="ltr" />
        <TextField field={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="switch">
        {t("login.noAccount")} <Link to="/signup">{t("signup.submit")}</Link>
      </p>
    </AuthShell>
  );
}
