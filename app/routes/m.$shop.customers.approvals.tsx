import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { setCustomerApproval } from "~/modules/customers/customers.server";
import { countCustomers, listCustomers } from "~/modules/customers/list-customers.server";
import { parseListQuery } from "~/modules/customers/list-query";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const params = new URL(args.request.url).searchParams;
  params.set("approval", "pending");
  if (!params.has("dir")) params.set("dir", "asc");
  const query = parseListQuery(params);
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    page: await listCustomers({ db, merchant }, query),
    total: await countCustomers({ db, merchant }, query),
    timezone: merchant.timezone,
  }));
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const decision = form.get("decision");
  const ids = form.getAll("id").flatMap((v) => (/^\d{1,18}$/.test(String(v)) ? [BigInt(String(v))] : []));
  if ((decision !== "approve" && decision !== "deny") || ids.length === 0) return data({ error: "noneSelected", done: 0 }, { status: 400 });
  return inShop(args, "edit:customers", async (shop) => {
    // Only customers still pending are decided, so a stale page cannot overturn a decision made meanwhile.
    const pending = await shop.db.customer.findMany({ where: { merchantId: shop.merchant.id, id: { in: ids }, approval: "pending" }, select: { id: true } });
    const done = await setCustomerApproval(shop, pending.map((c) => c.id), decision === "approve" ? "approved" : "denied");
    return { error: null, done };
  });
}

export default function Approvals() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { page, total, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="..">{t("list.title")}</Link>
      </p>
      <h1>{t("approvals.title")}</h1>
      <p className="muted" role="status">
        {t("approvals.waiting", { count: total.count, n: formatNumber(locale, total.count) })}
      </p>
      {actionData?.done ? <p className="notice" role="status">{t("approvals.done", { count: actionData.done, n: formatNumber(locale, actionData.done) })}</p> : null}
      {actionData?.error ? <p className="field-errors" role="alert">{t(`bulk.errors.${actionData.error}`)}</p> : null}
      {page.customers.length === 0 ? (
        <p className="empty panel">{t("approvals.empty")}</p>
      ) : (
        <Form method="post">
          <div className="bulk-bar">
            <button type="submit" name="decision" value="approve" className="button primary">
              {t("approvals.approveSelected")}
            </button>
            <button type="submit" name="decision" value="deny" className="button">
              {t("approvals.denySelected")}
            </button>
          </div>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t("bulk.scope")}</span>
                </th>
                <th scope="col">{t("list.name")}</th>
                <th scope="col">{t("list.email")}</th>
                <th scope="col">{t("list.ip")}</th>
                <th scope="col">{t("list.added")}</th>
              </tr>
            </thead>
            <tbody>
              {page.customers.map((c) => (
                <tr key={c.id}>
                  <td>
                    <input type="checkbox" name="id" value={c.id} aria-label={t("bulk.selectOne", { name: `${c.firstName} ${c.lastName}` })} />
                  </td>
                  <td lang={c.locale ?? undefined}>
                    <Link to={`../${c.id}`}>
                      {c.firstName} {c.lastName}
                    </Link>
                  </td>
                  <td dir="ltr">{c.email}</td>
                  <td dir="ltr">{c.ip ?? "—"}</td>
                  <td>{formatDate(locale, c.createdAt, timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Form>
      )}
      {page.next ? (
        <nav className="pager">
          <Link to={`?after=${page.next}`} rel="next">
            {t("list.next")}
          </Link>
        </nav>
      ) : null}
    </>
  );
}
