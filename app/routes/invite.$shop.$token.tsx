import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthShell } from "~/components/auth-shell";
import { ErrorList, TextField } from "~/components/ui/field";
import { AcceptInvitationSchema } from "~/modules/auth/schemas";
import { acceptInvitation, readInvitation } from "~/modules/staff/invitations.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await readInvitation(params.shop ?? "", params.token ?? "");
  if (!found) throw data(null, { status: 404 });
  return {
    shopName: found.merchant.name,
    email: found.invitation.email,
    role: found.invitation.role,
    hasAccount: found.hasAccount,
    signedInAs: context.auth?.user.email ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const base = { slug: params.shop ?? "", token: params.token ?? "", signedInUserId: context.auth?.user.id ?? null };
  if (formData.get("intent") === "join") {
    const joined = await acceptInvitation(base);
    if (!joined.ok) return { result: null, error: joined.error };
    throw redirect(`/m/${joined.slug}`);
  }
  const submission = parseWithZod(formData, { schema: AcceptInvitationSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password"] }), error: null };
  const locale = await resolveLanguage(request);
  const accepted = await acceptInvitation({ ...base, newAccount: { ...submission.value, locale } });
  if (!accepted.ok) return { result: submission.reply({ hideFields: ["password"] }), error: accepted.error };
  throw redirect(`/m/${accepted.slug}`, accepted.cookie ? { headers: { "Set-Cookie": accepted.cookie } } : undefined);
}

export default function AcceptInvitation() {
  const { t } = useTranslation("auth");
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
    shouldValidate: "onBlur",
  });
  const roleName = t(`roles.${invitation.role}`, { ns: "common" });

  return (
    <AuthShell title={t("invite.title", { shop: invitation.shopName })}>
      <p className="lead">{t("invite.lead", { email: invitation.email, role: roleName })}</p>
      {actionData?.error ? <ErrorList errors={[`auth:invite.errors.${actionData.error}`]} /> : null}
      {invitation.hasAccount ? (
        invitation.signedInAs === invitation.email ? (
          <Form method="post">
            <button type="submit" name="intent" value="join" className="button primary">
              {t("invite.join", { shop: invitation.shopName })}
            </button>
          </Form>
        ) : (
          <p>
            {t("invite.loginFirst", { email: invitation.email })}{" "}
            <Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}>{t("login.submit")}</Link>
          </p>
        )
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <TextField field={fields.name} label={t("signup.name")} autoComplete="name" />
          <TextField field={fields.password} label={t("signup.password")} type="password" autoComplete="new-password" hint={t("signup.passwordHint", { min: formatNumber(locale, 10) })} />
          <button type="submit" className="button primary">
            {t("invite.accept")}
          </button>
        </Form>
      )}
    </AuthShell>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("auth");
  return (
    <AuthShell title={t("invite.invalidTitle")}>
      <p>{t("invite.invalidBody")}</p>
    </AuthShell>
  );
}
