import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthShell } from "~/components/auth-shell";
import { listUserShops } from "~/modules/auth/login.server";

/** Signed-in people land in their first shop; everyone else on the login page. */
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.auth) throw redirect("/login");
  const shops = await listUserShops(context.auth.user.id);
  const first = shops[0];
  if (first) throw redirect(`/m/${first.merchant.slug}`);
  return { email: context.auth.user.email };
}

export default function NoShop() {
  const { t } = useTranslation("auth");
  return (
    <AuthShell title={t("noShop.title")}>
      <p>{t("noShop.body")}</p>
      <Form method="post" action="/logout">
        <button type="submit" className="button">
          {t("logout", { ns: "common" })}
        </button>
      </Form>
    </AuthShell>
  );
}
