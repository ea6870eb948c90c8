import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReasonList } from "~/components/groups/describe";
import { criteriaFields } from "~/modules/groups/groups.server";
import { ArrowIcon } from "~/components/icons";
import { can } from "~/modules/auth/permissions";
import { getGroup } from "~/modules/groups/groups.server";
import { findCustomersByIdOrEmail, listMembers } from "~/modules/groups/members.server";
import { addToGroup, removeFromGroup } from "~/modules/groups/membership.server";
import { groupIdParam } from "~/modules/groups/route-helpers.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate, formatNumber } from "~/utils/format";
import { intlLocale } from "~/utils/i18n";

export async function loader(args: LoaderFunctionArgs) {
  const id = groupIdParam(args.params);
  const after = new URL(args.request.url).searchParams.get("after");
  return inShop(args, "view:customers", async ({ db, merchant, staff }) => {
    const group = await getGroup({ db, merchant }, id);
    if (!group) notFound();
    const page = await listMembers({ db, merchant }, group, { after: after && /^\d{1,18}$/.test(after) ? BigInt(after) : null });
    return {
      kind: group.kind,
      page,
      shop: { slug: merchant.slug, currency: merchant.currency, timezone: merchant.timezone },
      fields: await criteriaFields({ db, merchant }),
      canManage: can(staff.role, "manage:groups") && group.kind !== "automatic",
    };
  });
}

type ActionResult = { intent: "add"; added: number; missing: string[]; error: "addRequired" | "automaticHint" | null } | { intent: "remove"; removed: boolean };

export async function action(args: ActionFunctionArgs) {
  const id = groupIdParam(args.params);
  const form = await args.request.formData();
  const intent = form.get("intent");
  return inShop(args, "manage:groups", async (shop) => {
    if (intent === "add") {
      const { ids, missing } = await findCustomersByIdOrEmail(shop, String(form.get("customers") ?? ""));
      if (ids.length === 0 && missing.length === 0) return data<ActionResult>({ intent, added: 0, missing, error: "addRequired" }, { status: 400 });
      const before = await getGroup(shop, id);
      const result = await addToGroup(shop, id, ids);
      if ((!result.ok && result.error === "notFound") || !before) notFound();
      if (!result.ok) return data<ActionResult>({ intent, added: 0, missing, error: "automaticHint" }, { status: 400 });
      const after = await getGroup(shop, id);
      return data<ActionResult>({ intent, added: (after?.memberCount ?? 0) - before.memberCount, missing, error: null }, { status: missing.length ? 400 : 200 });
    }
    const customer = String(form.get("customerId") ?? "");
    if (intent !== "remove" || !/^\d{1,18}$/.test(customer)) return data<ActionResult>({ intent: "remove", removed: false }, { status: 400 });
    const result = await removeFromGroup(shop, id, [BigInt(customer)]);
    if (!result.ok && result.error === "notFound") notFound();
    if (!result.ok) return data<ActionResult>({ intent, removed: false }, { status: 400 });
    return data<ActionResult>({ intent, removed: result.changed });
  });
}

export default function GroupMembers() {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const { kind, page, shop, fields, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting";

  return (
    <>
      {canManage ? (
        <section className="panel">
          <h2>{t("members.add")}</h2>
          <Form method="post" className="add-members" key={actionData?.intent === "add" && !actionData.error && actionData.missing.length === 0 ? `done-${actionData.added}` : "form"}>
            <input type="hidden" name="intent" value="add" />
            <div className="field">
              <label htmlFor="add-customers">{t("members.addLabel")}</label>
              <textarea id="add-customers" name="customers" rows={2} dir="ltr" aria-describedby="add-customers-hint" />
              <p id="add-customers-hint" className="hint">
                {t("members.addHint")}
              </p>
            </div>
            <button type="submit" className="button primary" disabled={busy}>
              {t("members.addButton")}
            </button>
          </Form>
          {actionData?.intent === "add" ? (
            <div role="status">
              {actionData.error ? <p className="field-errors">{t(`members.${actionData.error}`)}</p> : null}
              {!actionData.error && actionData.added > 0 ? <p className="notice">{t("members.added", { count: actionData.added, n: formatNumber(locale, actionData.added) })}</p> : null}
              {!actionData.error && actionData.added === 0 && actionData.missing.length === 0 ? <p className="notice">{t("members.nothingAdded")}</p> : null}
              {actionData.missing.length ? (
                <p className="field-errors">
                  {t("members.notFound", { list: new Intl.ListFormat(intlLocale(locale), { type: "conjunction" }).format(actionData.missing) })}
                </p>
              ) : null}
            </div>
          ) : null}
          {kind === "hybrid" ? <p className="hint">{t("members.hybridRemoveHint")}</p> : null}
        </section>
      ) : kind === "automatic" ? (
        <p className="hint">{t("members.automaticHint")}</p>
      ) : null}
      {actionData?.intent === "remove" && actionData.removed ? (
        <p className="notice" role="status">
          {t("members.removed")}
        </p>
      ) : null}

      <section className="panel">
        <h2>{t("members.title")}</h2>
        {page.members.length === 0 ? (
          <p className="empty">{t("members.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table members-table">
              <thead>
                <tr>
                  <th scope="col">{t("members.customer")}</th>
                  <th scope="col">{t("members.why")}</th>
                  <th scope="col">{t("members.since")}</th>
                  {canManage ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("members.remove")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {page.members.map((m) => (
                  <tr key={m.id} data-testid="member">
                    <td>
                      <Link to={`/m/${shop.slug}/customers/${m.id}`} lang={m.locale ?? undefined}>
                        {m.name}
                      </Link>
                      <div className="muted small">
                        <bdi dir="ltr">{m.email}</bdi>
                      </div>
                    </td>
                    <td>
                      {m.source === "manual" ? (
                        <span>{m.addedBy ? t("members.addedBy", { name: m.addedBy, date: formatDate(locale, m.addedAt, shop.timezone) }) : t("members.addedOn", { date: formatDate(locale, m.addedAt, shop.timezone) })}</span>
                      ) : (
                        <ReasonList reasons={m.reasons} shop={shop} fields={fields} />
                      )}
                    </td>
                    <td>{formatDate(locale, m.addedAt, shop.timezone)}</td>
                    {canManage ? (
                      <td>
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="customerId" value={m.id} />
                          <button type="submit" className="button small danger" aria-label={t("members.removeLabel", { name: m.name })} disabled={busy}>
                            {t("members.remove")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t("members.pages")}>
          {params.get("after") ? <Link to="?">{t("members.first")}</Link> : null}
          {page.next ? (
            <Link to={`?after=${page.next}`} rel="next">
              {t("members.next")} <ArrowIcon />
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
