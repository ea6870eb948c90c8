import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Swatch } from "~/components/groups/icons";
import { RecomputeStatus, usePolling } from "~/components/groups/recompute-status";
import { can } from "~/modules/auth/permissions";
import { listGroups, localized } from "~/modules/groups/groups.server";
import { latestRecomputes, recomputeView } from "~/modules/groups/members.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "view:customers", async ({ db, merchant, staff, user }) => {
    const lng = await resolveLanguage(args.request, user.locale);
    const recomputes = await latestRecomputes({ db, merchant });
    const groups = await listGroups({ db, merchant });
    return {
      groups: groups.map((g) => ({
        id: g.id,
        name: localized(g.name, lng, merchant.defaultLocale),
        description: localized(g.description, lng, merchant.defaultLocale),
        color: g.color,
        kind: g.kind,
        sortOrder: g.sortOrder,
        memberCount: g.memberCount,
        isDefault: g.isDefault,
        recompute: g.kind === "manual" ? null : recomputeView(recomputes.get(g.id)),
      })),
      now: new Date().toISOString(),
      timezone: merchant.timezone,
      canManage: can(staff.role, "manage:groups"),
    };
  });
}

export default function Groups() {
  const { t } = useTranslation("groups");
  const locale = useLocale();
  const { groups, now, timezone, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  usePolling(groups.some((g) => g.recompute?.status === "running"));

  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        {canManage ? (
          <div className="page-actions">
            <Link to="new" className="button primary">
              {t("new")}
            </Link>
          </div>
        ) : null}
      </div>
      <p className="lead">{t("intro")}</p>
      {params.get("deleted") ? (
        <p className="notice" role="status">
          {t("delete.deleted")}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p className="empty panel">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table groups-table" aria-label={t("list.label")}>
            <thead>
              <tr>
                <th scope="col">{t("list.precedence")}</th>
                <th scope="col">{t("list.name")}</th>
                <th scope="col">{t("list.kind")}</th>
                <th scope="col" className="numeric">
                  {t("list.members")}
                </th>
                <th scope="col">{t("list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <td className="muted">{formatNumber(locale, g.sortOrder)}</td>
                  <td>
                    <div className="group-name">
                      <Swatch color={g.color} />
                      <Link to={g.id}>{g.name}</Link>
                      {g.isDefault ? <span className="badge default">{t("defaultBadge")}</span> : null}
                    </div>
                    {g.description ? <p className="hint clamp">{g.description}</p> : null}
                  </td>
                  <td>
                    <span className={`badge kind-${g.kind}`}>{t(`kinds.${g.kind}`)}</span>
                  </td>
                  <td className="numeric">{formatNumber(locale, g.memberCount)}</td>
                  <td>{g.kind === "manual" ? <span className="muted">—</span> : <RecomputeStatus recompute={g.recompute} now={now} timezone={timezone} compact />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
