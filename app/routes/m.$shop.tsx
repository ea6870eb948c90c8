import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChevronIcon } from "~/components/icons";
import { can, type Permission } from "~/modules/auth/permissions";
import { requireShopAccess } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { languageNames, languages } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.shop.name} · Clientela` : "Clientela" }];

export async function loader(args: LoaderFunctionArgs) {
  const { merchant, staff, user } = await requireShopAccess(args, null);
  return {
    shop: { slug: merchant.slug, name: merchant.name, currency: merchant.currency, timezone: merchant.timezone },
    me: { name: user.name, email: user.email, role: staff.role },
    can: Object.fromEntries(
      (["view:customers", "manage:settings", "manage:staff", "manage:api-keys"] as Permission[]).map((p) => [p, can(staff.role, p)]),
    ) as Record<Permission, boolean>,
  };
}

const sections = [
  { to: "customers", key: "customers", ready: true },
  { to: "groups", key: "groups", ready: true },
  { to: "custom-fields", key: "customFields", ready: true },
  { to: "payment-restrictions", key: "paymentRestrictions", ready: false },
  { to: "shipping-restrictions", key: "shippingRestrictions", ready: false },
  { to: "reports", key: "reports", ready: false },
  { to: "settings", key: "settings", ready: true },
] as const;

export default function ShopLayout() {
  const { t } = useTranslation();
  const { shop, me } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const location = useLocation();
  const base = `/m/${shop.slug}`;

  return (
    <div className="shell">
      <aside className="sidebar">
        <NavLink to={base} end className="brand">
          {shop.name}
        </NavLink>
        <nav aria-label={t("nav.label")}>
          <ul>
            <li>
              <NavLink to={base} end>
                {t("nav.overview")}
              </NavLink>
            </li>
            {sections.map((section) => (
              <li key={section.key}>
                {section.ready ? (
                  <NavLink to={`${base}/${section.to}`}>
                    {t(`nav.${section.key}`)}
                    <ChevronIcon />
                  </NavLink>
                ) : (
                  <span className="nav-soon" aria-disabled="true">
                    {t(`nav.${section.key}`)}
                    <small>{t("nav.soon")}</small>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <Form method="post" action={`${base}/settings/account`} className="language-form">
            <input type="hidden" name="intent" value="language" />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <label htmlFor="topbar-language" className="visually-hidden">
              {t("language")}
            </label>
            <select id="topbar-language" name="language" defaultValue={locale} key={locale} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              {languages.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {languageNames[lng]}
                </option>
              ))}
            </select>
            <noscript>
              <button type="submit">{t("save")}</button>
            </noscript>
          </Form>
          <span className="me">
            {me.name} · {t(`roles.${me.role}`)}
          </span>
          <Form method="post" action="/logout">
            <button type="submit" className="button subtle">
              {t("logout")}
            </button>
          </Form>
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
