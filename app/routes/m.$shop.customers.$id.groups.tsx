import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReasonList } from "~/components/groups/describe";
import { criteriaFields } from "~/modules/groups/groups.server";
import { Swatch } from "~/components/groups/icons";
import { can } from "~/modules/auth/permissions";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { listGroups, localized } from "~/modules/groups/groups.server";
import { pinDefaultGroup } from "~/modules/groups/members.server";
import { customerGroups, explainMemberships } from "~/modules/groups/membership.server";
import { isGroupId } from "~/modules/groups/route-helpers.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant, staff, user }) => {
    const scope = { db, merchant };
    const current = await customerGroups(scope, id);
    if (!current) notFound();
    const lng = await resolveLanguage(args.request, user.locale);
    const why = new Map((await explainMemberships(scope, id)).map((e) => [e.groupId, e]));
    const groups = await listGroups(scope);
    const name = (texts: unknown) => localized(texts, lng, merchant.defaultLocale);
    const byId = new Map(groups.map((g) => [g.id, g]));
    const defaultGroup = current.defaultGroupId ? byId.get(current.defaultGroupId) : undefined;
    return {
      memberships: current.memberships.map((m) => ({
        groupId: m.groupId,
        name: name(m.group.name),
        color: m.group.color,
        kind: m.group.kind,
        source: m.source,
        addedBy: m.addedBy,
        addedAt: m.addedAt.toISOString(),
        reasons: why.get(m.groupId)?.reasons ?? [],
      })),
      defaultGroup: defaultGroup ? { id: defaultGroup.id, name: name(defaultGroup.name), color: defaultGroup.color } : null,
      how: current.pinned ? "pinned" : current.memberships.length > 0 ? "byPrecedence" : defaultGroup ? "shopDefault" : null,
      pinnedGroupId: current.pinned ? current.defaultGroupId : null,
      groups: groups.map((g) => ({ id: g.id, name: name(g.name) })),
      shop: { slug: merchant.slug, currency: merchant.currency, timezone: merchant.timezone },
      fields: await criteriaFields({ db, merchant }),
      canManage: can(staff.role, "manage:groups"),
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  const id = customerIdParam(args.params);
  const form = await args.request.formData();
  const groupId = String(form.get("groupId") ?? "");
  return inShop(args, "manage:groups", async (shop) => {
    if (groupId !== "" && !isGroupId(groupId)) return data({ ok: false, error: "groupNotFound" as const }, { status: 400 });
    const result = await pinDefaultGroup(shop, id, groupId || null);
    if (!result.ok && result.error === "customerNotFound") notFound();
    if (!result.ok) return data({ ok: false, error: "groupNotFound" as const }, { status: 400 });
    return { ok: true, error: null };
  });
}

export default function CustomerGroups() {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const { memberships, defaultGroup, how, pinnedGroupId, groups, shop, fields, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <section className="panel">
        <h2>{t("customer.defaultTitle")}</h2>
        <p className="default-group" data-testid="default-group">
          {defaultGroup ? (
            <>
              <Swatch color={defaultGroup.color} />
              <Link to={`/m/${shop.slug}/groups/${defaultGroup.id}`}>{defaultGroup.name}</Link>
              {how ? <span className={`badge${how === "pinned" ? " pending" : ""}`}>{t(`customer.${how}`)}</span> : null}
            </>
          ) : (
            <span className="muted">{t("customer.noDefault")}</span>
          )}
        </p>
        <p className="hint">{t("customer.defaultHint")}</p>
        {canManage ? (
          <Form method="post" className="form-row" key={pinnedGroupId ?? "none"}>
            <div className="field">
              <label htmlFor="pin-group">{t("customer.pinLabel")}</label>
              <select id="pin-group" name="groupId" defaultValue={pinnedGroupId ?? ""}>
                <option value="">{t("customer.noPin")}</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("customer.savePin")}
            </button>
          </Form>
        ) : null}
        {actionData?.ok ? (
          <p className="notice" role="status">
            {t("customer.pinSaved")}
          </p>
        ) : null}
        {actionData && !actionData.ok ? (
          <p className="field-errors" role="alert">
            {t(`customer.${actionData.error}`)}
          </p>
        ) : null}
      </section>
      <section className="panel">
        <h2>{t("customer.memberships")}</h2>
        {memberships.length === 0 ? (
          <p className="empty">{t("customer.empty")}</p>
        ) : (
          <ul className="memberships">
            {memberships.map((m) => (
              <li key={m.groupId} className="membership" data-testid="membership">
                <div className="membership-head">
                  <Swatch color={m.color} />
                  <Link to={`/m/${shop.slug}/groups/${m.groupId}`}>{m.name}</Link>
                  <span className="badge">{t(`members.sources.${m.source}`)}</span>
                </div>
                {m.source === "manual" ? (
                  <p className="muted">
                    {m.addedBy ? t("members.addedBy", { name: m.addedBy, date: formatDate(locale, m.addedAt, shop.timezone) }) : t("members.addedOn", { date: formatDate(locale, m.addedAt, shop.timezone) })}
                  </p>
                ) : (
                  <ReasonList reasons={m.reasons} shop={shop} fields={fields} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
