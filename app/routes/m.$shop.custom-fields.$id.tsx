import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldForm } from "~/components/custom-fields/field-form";
import { deleteField } from "~/modules/custom-fields/custom-fields.server";
import { getFieldWithAnswers, groupChoices, submitFieldForm } from "~/modules/custom-fields/definitions.server";
import { inputValue, localized } from "~/modules/custom-fields/values";
import { groupIdParam as fieldIdParam } from "~/modules/groups/route-helpers.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  const id = fieldIdParam(args.params);
  return inShop(args, "manage:custom-fields", async ({ db, merchant, user }) => {
    const field = await getFieldWithAnswers({ db, merchant }, id);
    if (!field) notFound();
    const lng = await resolveLanguage(args.request, user.locale);
    const { id: _id, answers, options, defaultValue, ...definition } = field;
    return {
      title: localized(field.name, lng, merchant.defaultLocale),
      answers,
      field: { ...definition, options, defaultValue: String(inputValue(field, defaultValue, merchant.timezone)) },
      shop: { defaultLanguage: merchant.defaultLocale, country: merchant.country, timezone: merchant.timezone },
      groups: await groupChoices({ db, merchant }, lng),
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  const id = fieldIdParam(args.params);
  const formData = await args.request.formData();
  return inShop(args, "manage:custom-fields", async (shop) => {
    const list = `/m/${shop.merchant.slug}/custom-fields`;
    if (formData.get("intent") === "delete") {
      const deleted = await deleteField(shop, id, { confirm: formData.get("confirm") === "yes" });
      if (deleted.ok) throw redirect(`${list}?deleted=1`);
      if (deleted.error === "notFound") notFound();
      return data({ result: null, refusal: null, deleteRefusal: deleted }, { status: 409 });
    }
    const reply = await submitFieldForm(shop, formData, id);
    if (!reply) notFound();
    if (!reply.ok) return data({ result: reply.result, refusal: reply.refusal, deleteRefusal: null }, { status: reply.refusal ? 409 : 400 });
    throw redirect(`${list}?saved=1`);
  });
}

export default function EditCustomField() {
  const { t } = useTranslation("customFields");
  const locale = useLocale();
  const { title, answers, field, shop, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const deleteRefusal = actionData?.deleteRefusal;
  return (
    <>
      <p className="breadcrumbs">
        <Link to=".." relative="path">
          {t("title")}
        </Link>
      </p>
      <h1>{t("form.editTitle", { name: title })}</h1>
      <p className="lead">{t("form.answers", { count: answers, n: formatNumber(locale, answers) })}</p>
      <FieldForm
        shop={shop}
        groups={groups}
        isNew={false}
        lastResult={actionData?.result}
        refusal={actionData?.refusal}
        submitLabel={t("form.save")}
        defaultValue={field}
      />
      <details className="panel danger-zone" open={Boolean(deleteRefusal)}>
        <summary>{t("delete.open")}</summary>
        <h2>{t("delete.title")}</h2>
        {deleteRefusal?.error === "usedByGroups" ? (
          <p className="refusal" role="alert">
            {t("errors.usedByGroups", {
              count: deleteRefusal.groups.length,
              groups: new Intl.ListFormat(locale, { type: "conjunction" }).format(deleteRefusal.groups),
            })}
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            {deleteRefusal?.error === "confirm" ? (
              <>
                <p className="refusal" role="alert">
                  {t("delete.confirm", { count: deleteRefusal.customers, n: formatNumber(locale, deleteRefusal.customers) })}
                </p>
                <button type="submit" name="confirm" value="yes" className="button danger">
                  {t("delete.anyway")}
                </button>
              </>
            ) : (
              <>
                <p>{t("delete.body")}</p>
                <button type="submit" className="button danger">
                  {t("delete.button")}
                </button>
              </>
            )}
          </Form>
        )}
      </details>
    </>
  );
}
