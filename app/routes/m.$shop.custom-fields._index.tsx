import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { groupChoices, listFieldsWithAnswers } from "~/modules/custom-fields/definitions.server";
import { localized } from "~/modules/custom-fields/values";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:custom-fields", async ({ db, merchant, user }) => {
    const lng = await resolveLanguage(args.request, user.locale);
    const groupNames = new Map((await groupChoices({ db, merchant }, lng)).map((g) => [g.id, g.name]));
    const fields = await listFieldsWithAnswers({ db, merchant });
    return {
      fields: fields.map((f) => ({
        id: f.id,
        key: f.key,
        name: localized(f.name, lng, merchant.defaultLocale),
        type: f.type,
        location: f.location,
        requiredForAll: f.requiredForAll,
        requiredGroups: f.requiredGroupIds.flatMap((id) => (groupNames.has(id) ? [groupNames.get(id)!] : [])),
        enabled: f.enabled,
        visibility: f.visibility,
        sortOrder: f.sortOrder,
        answers: f.answers,
      })),
    };
  });
}

export default function CustomFields() {
  const { t } = useTranslation("customFields");
  const locale = useLocale();
  const { fields } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const list = (items: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);

  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <div className="page-actions">
          <Link to="new" className="button primary">
            {t("new")}
          </Link>
        </div>
      </div>
      <p className="lead">{t("intro")}</p>
      {params.get("saved") || params.get("deleted") ? (
        <p className="notice" role="status">
          {params.get("deleted") ? t("deleted") : t("saved")}
        </p>
      ) : null}
      {fields.length === 0 ? (
        <p className="empty panel">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table custom-fields-table" aria-label={t("list.label")}>
            <thead>
              <tr>
                <th scope="col">{t("list.order")}</th>
                <th scope="col">{t("list.name")}</th>
                <th scope="col">{t("list.key")}</th>
                <th scope="col">{t("list.type")}</th>
                <th scope="col">{t("list.location")}</th>
                <th scope="col">{t("list.required")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.visibility")}</th>
                <th scope="col" className="numeric">
                  {t("list.answers")}
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f.id} data-testid="custom-field">
                  <td className="muted">{formatNumber(locale, f.sortOrder)}</td>
                  <td>
                    <Link to={f.id}>{f.name}</Link>
                  </td>
                  <td>
                    <code dir="ltr">{f.key}</code>
                  </td>
                  <td>{t(`types.${f.type}`)}</td>
                  <td>{t(`locations.${f.location}`)}</td>
                  <td>
                    {f.requiredForAll
                      ? t("list.requiredAll")
                      : f.requiredGroups.length > 0
                        ? t("list.requiredGroups", { groups: list(f.requiredGroups) })
                        : t("list.requiredNone")}
                  </td>
                  <td>
                    <span className={`badge ${f.enabled ? "active" : "disabled"}`}>{t(f.enabled ? "status.enabled" : "status.disabled")}</span>
                  </td>
                  <td>{t(`visibilities.${f.visibility}`)}</td>
                  <td className="numeric">{formatNumber(locale, f.answers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
