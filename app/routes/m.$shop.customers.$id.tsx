import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useActionData, useHref, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/modules/auth/permissions";
import { deleteCustomers, getCustomer, setCustomerApproval, setCustomerStatus } from "~/modules/customers/customers.server";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { MessageSchema, sendCustomerMessage } from "~/modules/customers/messages.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate, formatMoney, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant, staff }) => {
    const customer = await getCustomer({ db, merchant }, id);
    if (!customer) notFound();
    return {
      customer: {
        id: customer.id.toString(),
        name: `${customer.firstName} ${customer.lastName}`,
        email: customer.email,
        status: customer.status,
        approval: customer.approval,
        locale: customer.locale,
        createdAt: customer.createdAt.toISOString(),
        pointsBalance: customer.pointsBalance,
        ordersCount: customer.stats?.ordersCount ?? 0,
        totalSpent: customer.stats?.totalSpent.toString() ?? "0",
      },
      shop: { currency: merchant.currency, timezone: merchant.timezone },
      canEdit: can(staff.role, "edit:customers"),
      canDelete: can(staff.role, "delete:customers"),
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  const id = customerIdParam(args.params);
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  return inShop(args, intent === "delete" ? "delete:customers" : "edit:customers", async (shop) => {
    const exists = await getCustomer(shop, id);
    if (!exists) notFound();
    switch (intent) {
      case "delete":
        await deleteCustomers(shop, [id]);
        throw redirect(`/m/${shop.merchant.slug}/customers`);
      case "block":
      case "unblock":
        await setCustomerStatus(shop, [id], intent === "block" ? "blocked" : "active");
        return { intent, ok: true, errors: null };
      case "approve":
      case "deny":
        await setCustomerApproval(shop, [id], intent === "approve" ? "approved" : "denied");
        return { intent, ok: true, errors: null };
      case "message": {
        const parsed = MessageSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return data({ intent, ok: false, errors: parsed.error.flatten().fieldErrors }, { status: 400 });
        await sendCustomerMessage(shop, id, parsed.data);
        return { intent, ok: true, errors: null };
      }
      default:
        return data({ intent, ok: false, errors: null }, { status: 400 });
    }
  });
}

export default function CustomerLayout() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { customer, shop, canEdit, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const tabs = ["", "history", "transactions", "points", "ips", "orders", "groups", "message"] as const;
  // The actions below belong to this layout route, whichever tab is open.
  const self = useHref(".");

  return (
    <>
      <p className="breadcrumbs">
        <Link to="..">{t("list.title")}</Link>
      </p>
      <div className="page-head">
        <div className="title-group">
          <h1 lang={customer.locale ?? undefined}>{customer.name}</h1>
          <span className={`badge ${customer.status}`}>{t(`status.${customer.status}`)}</span>
          <span className={`badge ${customer.approval}`}>{t(`approval.${customer.approval}`)}</span>
        </div>
        {canEdit ? (
          <div className="page-actions">
            <Form method="post" action={self} className="inline">
              {customer.status === "blocked" ? (
                <button type="submit" name="intent" value="unblock" className="button">
                  {t("actions.unblock")}
                </button>
              ) : (
                <button type="submit" name="intent" value="block" className="button">
                  {t("actions.block")}
                </button>
              )}
            </Form>
            {customer.approval !== "approved" ? (
              <Form method="post" action={self} className="inline">
                <button type="submit" name="intent" value="approve" className="button">
                  {t("actions.approve")}
                </button>
              </Form>
            ) : null}
            {customer.approval === "pending" ? (
              <Form method="post" action={self} className="inline">
                <button type="submit" name="intent" value="deny" className="button">
                  {t("actions.deny")}
                </button>
              </Form>
            ) : null}
            {canDelete ? (
              <Form
                method="post"
                action={self}
                className="inline"
                onSubmit={(e) => {
                  if (!confirm(t("actions.confirmDelete", { name: customer.name }))) e.preventDefault();
                }}
              >
                <button type="submit" name="intent" value="delete" className="button danger">
                  {t("actions.delete")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </div>
      {actionData?.ok && actionData.intent !== "message" ? <p className="notice" role="status">{t("actions.saved")}</p> : null}
      <dl className="summary">
        <div>
          <dt>{t("list.email")}</dt>
          <dd dir="ltr">{customer.email}</dd>
        </div>
        <div>
          <dt>{t("list.added")}</dt>
          <dd>{formatDate(locale, customer.createdAt, shop.timezone)}</dd>
        </div>
        <div>
          <dt>{t("list.orders")}</dt>
          <dd>{formatNumber(locale, customer.ordersCount)}</dd>
        </div>
        <div>
          <dt>{t("list.spent")}</dt>
          <dd>{formatMoney(locale, Number(customer.totalSpent), shop.currency)}</dd>
        </div>
        <div>
          <dt>{t("points.balance")}</dt>
          <dd data-testid="points-balance">{formatNumber(locale, customer.pointsBalance)}</dd>
        </div>
      </dl>
      <nav className="tabs" aria-label={t("tabs.label")}>
        {tabs.map((tab) => (
          <NavLink key={tab} to={tab} end={tab === ""} preventScrollReset>
            {t(`tabs.${tab || "profile"}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
