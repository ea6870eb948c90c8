import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { inShop } from "~/modules/tenancy/dashboard.server";
import type { loader as shopLoader } from "./m.$shop";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, null, async () => null);
}

export default function SettingsLayout() {
  const { t } = useTranslation("settings");
  const shop = useRouteLoaderData<typeof shopLoader>("routes/m.$shop");
  const can = shop?.can;
  return (
    <>
      <h1>{t("title")}</h1>
      <nav className="tabs" aria-label={t("title")}>
        {can?.["manage:settings"] ? (
          <NavLink to="." end>
            {t("tabs.shop")}
          </NavLink>
        ) : null}
        {can?.["manage:staff"] ? <NavLink to="staff">{t("tabs.staff")}</NavLink> : null}
        <NavLink to="account">{t("tabs.account")}</NavLink>
        {can?.["manage:settings"] ? <NavLink to="mail">{t("tabs.mail")}</NavLink> : null}
        {can?.["manage:settings"] ? <NavLink to="webhooks">{t("tabs.webhooks")}</NavLink> : null}
        {can?.["manage:api-keys"] ? <NavLink to="api-keys">{t("title", { ns: "api" })}</NavLink> : null}
      </nav>
      <Outlet />
    </>
  );
}
