import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GroupForm } from "~/components/groups/group-form";
import { can } from "~/modules/auth/permissions";
import { CriteriaSchema, type Criteria } from "~/modules/groups/criteria";
import { groupFormSchema } from "~/modules/groups/form";
import { criteriaFields, deleteGroup, getGroup, updateGroup } from "~/modules/groups/groups.server";
import { groupIdParam } from "~/modules/groups/route-helpers.server";
import type { GroupInput } from "~/modules/groups/schemas";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = groupIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant, staff }) => {
    const group = await getGroup({ db, merchant }, id);
    if (!group) notFound();
    const criteria = CriteriaSchema.safeParse(group.criteria);
    return {
      group: {
        name: group.name as GroupInput["name"],
        description: group.description as GroupInput["description"],
        color: group.color,
        sortOrder: group.sortOrder,
        kind: group.kind,
        needsApproval: group.needsApproval,
        selectableAtSignup: group.selectableAtSignup,
        isDefault: group.isDefault,
        criteria: criteria.success ? (criteria.data as Criteria) : null,
        memberCount: group.memberCount,
      },
      shop: { slug: merchant.slug, currency: merchant.currency, timezone: merchant.timezone, defaultLanguage: merchant.defaultLocale },
      fields: await criteriaFields({ db, merchant }),
      canManage: can(staff.role, "manage:groups"),
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  const id = groupIdParam(args.params);
  const formData = await args.request.formData();
  return inShop(args, "manage:groups", async (shop) => {
    const base = `/m/${shop.merchant.slug}/groups`;
    if (formData.get("intent") === "delete") {
      if (!(await deleteGroup(shop, id))) notFound();
      throw redirect(`${base}?deleted=1`);
    }
    const submission = parseWithZod(formData, { schema: groupFormSchema(shop.merchant.defaultLocale, await criteriaFields(shop)) });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const updated = await updateGroup(shop, id, submission.value);
    if (!updated) notFound();
    throw redirect(`${base}/${id}/members`);
  });
}

/** Neither the progress polling of the layout nor the live preview should reset a form being edited. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formAction, currentUrl, nextUrl, defaultShouldRevalidate }) => {
  if (formAction?.endsWith("/groups/preview")) return false;
  if (!formMethod && currentUrl.href === nextUrl.href) return false;
  return defaultShouldRevalidate;
};

export default function GroupSettings() {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const { group, shop, fields, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <GroupForm shop={shop} fields={fields} readOnly={!canManage} lastResult={actionData?.result} submitLabel={t("form.save")} defaultValue={group} />
      {canManage ? (
        <details className="panel danger-zone">
          <summary>{t("delete.open")}</summary>
          <h2>{t("delete.title")}</h2>
          <p>{t("delete.confirm", { count: group.memberCount, n: formatNumber(locale, group.memberCount) })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="delete" className="button danger">
              {t("delete.button")}
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
