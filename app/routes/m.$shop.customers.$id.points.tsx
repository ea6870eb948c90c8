import { parseWithZod } from "@conform-to/zod";
import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/field";
import { addRewardPoints, listRewardPoints } from "~/modules/customers/ledger.server";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { RewardPointsSchema } from "~/modules/customers/schemas";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    timezone: merchant.timezone,
    entries: await listRewardPoints({ db, merchant }, id),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const id = customerIdParam(args.params);
  const formData = await args.request.formData();
  return inShop(args, "edit:customers", async (shop) => {
    const submission = parseWithZod(formData, { schema: RewardPointsSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const added = await addRewardPoints(shop, id, submission.value);
    if (!added.ok && added.error === "notFound") notFound();
    if (!added.ok) return data({ result: submission.reply({ fieldErrors: { points: ["pointsBelowZero"] } }) }, { status: 400 });
    return { result: submission.reply({ resetForm: true }) };
  });
}

export default function RewardPoints() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { entries, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "points", lastResult: actionData?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: RewardPointsSchema }), shouldValidate: "onBlur" });
  return (
    <section className="panel">
      <h2>{t("points.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-row">
        <TextField field={fields.description} label={t("points.description")} />
        <TextField field={fields.points} label={t("points.points")} type="number" hint={t("points.pointsHint")} />
        <TextField field={fields.orderId} label={t("transactions.orderId")} type="number" />
        <button type="submit" className="button primary">
          {t("points.add")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">{t("points.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("transactions.date")}</th>
              <th scope="col">{t("points.description")}</th>
              <th scope="col">{t("points.points")}</th>
              <th scope="col">{t("points.balance")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(locale, e.createdAt, timezone)}</td>
                <td>{e.description}</td>
                <td dir="ltr" className={e.points < 0 ? "negative" : undefined}>{formatNumber(locale, e.points)}</td>
                <td>{formatNumber(locale, e.balance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
