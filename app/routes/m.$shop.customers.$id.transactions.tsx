import { parseWithZod } from "@conform-to/zod";
import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/field";
import { addTransaction, listTransactions } from "~/modules/customers/ledger.server";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { TransactionSchema } from "~/modules/customers/schemas";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatMoney } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    currency: merchant.currency,
    timezone: merchant.timezone,
    ...(await listTransactions({ db, merchant }, id)),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const id = customerIdParam(args.params);
  const formData = await args.request.formData();
  return inShop(args, "edit:customers", async (shop) => {
    const submission = parseWithZod(formData, { schema: TransactionSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    if (!(await addTransaction(shop, id, submission.value))) notFound();
    return { result: submission.reply({ resetForm: true }) };
  });
}

export default function Transactions() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { entries, balance, currency, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "transaction", lastResult: actionData?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: TransactionSchema }), shouldValidate: "onBlur" });
  return (
    <section className="panel">
      <h2>{t("transactions.title")}</h2>
      <p className="balance" data-testid="credit-balance">
        {t("transactions.balance")}: <strong>{formatMoney(locale, Number(balance), currency)}</strong>
      </p>
      <Form method="post" {...getFormProps(form)} className="form-row">
        <TextField field={fields.description} label={t("transactions.description")} />
        <TextField field={fields.amount} label={t("transactions.amount", { currency })} type="number" hint={t("transactions.amountHint")} />
        <TextField field={fields.orderId} label={t("transactions.orderId")} type="number" />
        <button type="submit" className="button primary">
          {t("transactions.add")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">{t("transactions.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("transactions.date")}</th>
              <th scope="col">{t("transactions.description")}</th>
              <th scope="col">{t("transactions.order")}</th>
              <th scope="col">{t("transactions.amountColumn")}</th>
              <th scope="col">{t("transactions.runningBalance")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(locale, e.createdAt, timezone)}</td>
                <td>{e.description}</td>
                <td>{e.orderId ? `#${e.orderId}` : "—"}</td>
                <td dir="ltr" className={Number(e.amount) < 0 ? "negative" : undefined}>{formatMoney(locale, Number(e.amount), currency)}</td>
                <td>{formatMoney(locale, Number(e.balance), currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
