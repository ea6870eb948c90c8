import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { listCustomerOrders } from "~/modules/orders/orders.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatMoney, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    timezone: merchant.timezone,
    orders: (await listCustomerOrders({ db, merchant }, id)).map((o) => ({
      id: o.id.toString(),
      number: o.number,
      status: o.status,
      total: o.total.toString(),
      currency: o.currency,
      paymentMethod: o.paymentMethod,
      shippingMethod: o.shippingMethod,
      createdAt: o.createdAt.toISOString(),
      items: o.items.map((i) => ({ id: i.id.toString(), productRef: i.productRef, name: i.name, quantity: i.quantity, price: i.price.toString() })),
    })),
  }));
}

export default function Orders() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { orders, timezone } = useLoaderData<typeof loader>();
  return (
    <section className="panel">
      <h2>{t("orders.title")}</h2>
      {orders.length === 0 ? (
        <p className="empty">{t("orders.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("orders.number")}</th>
              <th scope="col">{t("orders.date")}</th>
              <th scope="col">{t("orders.status")}</th>
              <th scope="col">{t("orders.items")}</th>
              <th scope="col">{t("orders.payment")}</th>
              <th scope="col">{t("orders.shipping")}</th>
              <th scope="col">{t("orders.total")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td dir="ltr">{o.number}</td>
                <td>{formatDateTime(locale, o.createdAt, timezone)}</td>
                <td>
                  <span className={`badge ${o.status}`}>{t(`orderStatus.${o.status}`)}</span>
                </td>
                <td>
                  {o.items.map((i) => (
                    <div key={i.id}>
                      {formatNumber(locale, i.quantity)} × {i.name} <span className="muted" dir="ltr">({i.productRef})</span>
                    </div>
                  ))}
                </td>
                <td>{o.paymentMethod ?? "—"}</td>
                <td>{o.shippingMethod ?? "—"}</td>
                <td>{formatMoney(locale, Number(o.total), o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
