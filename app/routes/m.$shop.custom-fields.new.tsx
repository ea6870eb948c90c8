import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldForm } from "~/components/custom-fields/field-form";
import { groupChoices, submitFieldForm } from "~/modules/custom-fields/definitions.server";
import { blankField } from "~/modules/custom-fields/form";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:custom-fields", async ({ db, merchant, user }) => ({
    shop: { defaultLanguage: merchant.defaultLocale, country: merchant.country, timezone: merchant.timezone },
    groups: await groupChoices({ db, merchant }, await resolveLanguage(args.request, user.locale)),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  return inShop(args, "manage:custom-fields", async (shop) => {
    const reply = await submitFieldForm(shop, formData, null);
    if (!reply) notFound();
    if (!reply.ok) return data({ result: reply.result, refusal: reply.refusal }, { status: 400 });
    throw redirect(`/m/${shop.merchant.slug}/custom-fields?saved=1`);
  });
}

export default function NewCustomField() {
  const { t } = useTranslation("customFields");
  const { shop, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to=".." relative="path">
          {t("title")}
        </Link>
      </p>
      <h1>{t("form.createTitle")}</h1>
      <FieldForm
        shop={shop}
        groups={groups}
        isNew
        lastResult={actionData?.result}
        refusal={actionData?.refusal}
        submitLabel={t("form.create")}
        defaultValue={blankField}
      />
    </>
  );
}
