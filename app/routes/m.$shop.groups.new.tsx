import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GroupForm } from "~/components/groups/group-form";
import { groupFormSchema } from "~/modules/groups/form";
import { createGroup, criteriaFields } from "~/modules/groups/groups.server";
import { inShop } from "~/modules/tenancy/dashboard.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:groups", async ({ db, merchant }) => ({
    shop: { slug: merchant.slug, currency: merchant.currency, timezone: merchant.timezone, defaultLanguage: merchant.defaultLocale },
    fields: await criteriaFields({ db, merchant }),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  return inShop(args, "manage:groups", async (shop) => {
    const submission = parseWithZod(formData, { schema: groupFormSchema(shop.merchant.defaultLocale, await criteriaFields(shop)) });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { group } = await createGroup(shop, submission.value);
    throw redirect(`/m/${shop.merchant.slug}/groups/${group.id}/members`);
  });
}

/** The live preview posts to its own route; that is no reason to reload this page's data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/groups/preview") ? false : defaultShouldRevalidate;

export default function NewGroup() {
  const { t } = useTranslation("groups");
  const { shop, fields } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to=".." relative="path">{t("title")}</Link>
      </p>
      <h1>{t("form.createTitle")}</h1>
      <GroupForm
        shop={shop}
        fields={fields}
        readOnly={false}
        lastResult={actionData?.result}
        submitLabel={t("form.create")}
        defaultValue={{
          name: {},
          description: {},
          color: "#3f51d6",
          sortOrder: 100,
          kind: "automatic",
          needsApproval: false,
          selectableAtSignup: false,
          isDefault: false,
          criteria: null,
        }}
      />
    </>
  );
}
