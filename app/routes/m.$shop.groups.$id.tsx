import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Swatch } from "~/components/groups/icons";
import { RecomputeStatus, usePolling } from "~/components/groups/recompute-status";
import { can } from "~/modules/auth/permissions";
import { getGroup, localized } from "~/modules/groups/groups.server";
import { latestRecompute, recomputeView } from "~/modules/groups/members.server";
import { groupIdParam } from "~/modules/groups/route-helpers.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  const id = groupIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant, staff, user }) => {
    const group = await getGroup({ db, merchant }, id);
    if (!group) notFound();
    const lng = await resolveLanguage(args.request, user.locale);
    return {
      group: {
        id: group.id,
        name: localized(group.name, lng, merchant.defaultLocale),
        description: localized(group.description, lng, merchant.defaultLocale),
        color: group.color,
        kind: group.kind,
        isDefault: group.isDefault,
        memberCount: group.memberCount,
        criteriaVersion: group.criteriaVersion,
      },
      recompute: group.kind === "manual" ? null : recomputeView(await latestRecompute({ db, merchant }, group.id)),
      now: new Date().toISOString(),
      shop: { slug: merchant.slug, currency: merchant.currency, timezone: merchant.timezone, defaultLanguage: merchant.defaultLocale },
      canManage: can(staff.role, "manage:groups"),
    };
  });
}

/** The editor's live preview changes nothing this layout shows. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/groups/preview") ? false : defaultShouldRevalidate;

export default function GroupLayout() {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const { group, recompute, now, shop } = useLoaderData<typeof loader>();
  // While members are being recomputed, the page follows along every second.
  usePolling(recompute?.status === "running");

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/m/${shop.slug}/groups`}>{t("title")}</Link>
      </p>
      <div className="page-head">
        <div className="title-group">
          <Swatch color={group.color} />
          <h1>{group.name}</h1>
          <span className={`badge kind-${group.kind}`}>{t(`kinds.${group.kind}`)}</span>
          {group.isDefault ? <span className="badge default">{t("defaultBadge")}</span> : null}
        </div>
      </div>
      {group.description ? <p className="lead">{group.description}</p> : null}
      <dl className="summary">
        <div>
          <dt>{t("list.members")}</dt>
          <dd data-testid="member-count">{formatNumber(locale, group.memberCount)}</dd>
        </div>
        {group.kind !== "manual" ? (
          <div className="summary-wide">
            <dt>{t("recompute.title")}</dt>
            <dd>
              <RecomputeStatus recompute={recompute} now={now} timezone={shop.timezone} />
            </dd>
          </div>
        ) : null}
      </dl>
      <nav className="tabs" aria-label={t("tabs.label")}>
        <NavLink to="." end>
          {t("tabs.settings")}
        </NavLink>
        <NavLink to="members">{t("tabs.members")}</NavLink>
        <NavLink to="history">{t("tabs.history")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
