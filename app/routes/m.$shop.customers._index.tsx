import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Swatch } from "~/components/groups/icons";
import { ArrowIcon } from "~/components/icons";
import { CustomFieldColumns, CustomFieldFilters, customFieldFilterActive } from "~/components/custom-field-list";
import { readAnswers } from "~/modules/custom-fields/answers.server";
import { listFields } from "~/modules/custom-fields/custom-fields.server";
import { bulkActions, type BulkAction } from "~/modules/customers/bulk-actions";
import { applyBulkAction, queueBulkAction } from "~/modules/customers/bulk.server";
import { listCustomersWithCount, type listCustomers } from "~/modules/customers/list-customers.server";
import { PAGE_SIZES, parseListQuery, type SortKey } from "~/modules/customers/list-query";
import { approvalStates, customerStatuses } from "~/modules/customers/schemas";
import { can } from "~/modules/auth/permissions";
import { listGroupLabels, localized } from "~/modules/groups/groups.server";
import { inShop, readShop, type ReadShopContext } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate, formatMoney, formatNumber } from "~/utils/format";
import { resolveLanguage } from "~/utils/i18n.server";

type ReadScope = Pick<ReadShopContext, "read" | "merchant">;

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const query = parseListQuery(url.searchParams);
  // The page every merchant opens most: read on the lean path, one read-only transaction (decision 014).
  return readShop(args, "view:customers", async ({ read, merchant, staff, user }) => {
    const { page, total } = await listCustomersWithCount({ read, merchant }, query);
    return {
      query,
      ...(await customFieldColumns({ read, merchant }, url.searchParams.getAll("col"), page)),
      // Names and colours for the "Customer group" column (each row carries its default group's id).
      groups: await groupLabels({ read, merchant }, await resolveLanguage(args.request, user.locale)),
      total,
      shop: { currency: merchant.currency, timezone: merchant.timezone },
      canEdit: can(staff.role, "edit:customers"),
      canDelete: can(staff.role, "delete:customers"),
    };
  });
}

/** The page with the answers of the custom fields chosen as columns (`col=<key>` in the URL), read for its rows only. */
async function customFieldColumns(scope: ReadScope, chosen: string[], page: Awaited<ReturnType<typeof listCustomers>>) {
  const fields = await listFields(scope, { location: "account", enabledOnly: true });
  const columns = fields.filter((f) => chosen.includes(f.key));
  const answers = await readAnswers(scope, scope.merchant.id, columns, page.customers.map((c) => BigInt(c.id)));
  return {
    page,
    customFields: { fields, columns: columns.map((f) => f.key), shopLanguage: scope.merchant.defaultLocale, answers: Object.fromEntries([...answers].map(([id, values]) => [id.toString(), values])) },
  };
}

async function groupLabels(scope: ReadScope, lng: string) {
  const groups = await listGroupLabels(scope);
  return Object.fromEntries(groups.map((g) => [g.id, { name: localized(g.name, lng, scope.merchant.defaultLocale), color: g.color }]));
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const bulk = String(form.get("bulk") ?? "");
  if (!(bulkActions as readonly string[]).includes(bulk)) return data({ error: "invalid", done: null, queued: false }, { status: 400 });
  const action = bulk as BulkAction;
  const query = parseListQuery(new URL(args.request.url).searchParams);
  return inShop(args, action === "delete" ? "delete:customers" : "edit:customers", async (shop) => {
    if (form.get("scope") === "all") {
      await queueBulkAction(shop, action, query);
      return { error: null, done: null, queued: true };
    }
    const ids = form.getAll("id").flatMap((v) => (/^\d+$/.test(String(v)) ? [BigInt(String(v))] : []));
    if (ids.length === 0) return data({ error: "noneSelected", done: null, queued: false }, { status: 400 });
    const done = await applyBulkAction(shop, action, ids.slice(0, 1_000));
    return { error: null, done, queued: false };
  });
}

function SortHeader({ column, label }: { column: SortKey; label: string }) {
  const [params] = useSearchParams();
  const current = params.get("sort") ?? "created";
  const dir = params.get("dir") ?? "desc";
  const active = current === column;
  const next = new URLSearchParams(params);
  next.set("sort", column);
  next.set("dir", active && dir === "desc" ? "asc" : "desc");
  next.delete("after");
  next.delete("before");
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link to={`?${next}`} className="sort-link">
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

export default function Customers() {
  const { t } = useTranslation("customers");
  const { t: ti } = useTranslation("imports");
  const locale = useLocale();
  const { query, page, total, shop, canEdit, canDelete, groups, customFields } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [scope, setScope] = useState<"selected" | "all">("selected");
  const filtered = ["q", "name", "email", "phone", "status", "approval", "ip", "from", "to", "newsletter"].some((k) => params.get(k)) || customFieldFilterActive(params);
  const pageLink = (cursor: { after?: string; before?: string }) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    for (const [k, v] of Object.entries(cursor)) if (v) next.set(k, v);
    return `?${next}`;
  };
  const exportParams = new URLSearchParams([...params].filter(([k]) => !["sort", "dir", "size", "after", "before", "count"].includes(k)));
  const exactLink = new URLSearchParams(params);
  exactLink.set("count", "exact");
  const allOnPage = page.customers.length > 0 && page.customers.every((c) => selected.has(c.id));

  return (
    <>
      <div className="page-head">
        <h1>{t("list.title")}</h1>
        <div className="page-actions">
          <Link to="approvals" className="button">
            {t("approvals.title")}
          </Link>
          {canEdit ? (
            <Link to="import" className="button">
              {ti("links.import")}
            </Link>
          ) : null}
          <Link to={`export?${exportParams}`} className="button">
            {ti("links.export")}
          </Link>
          {canEdit ? (
            <Link to="new" className="button primary">
              {t("list.create")}
            </Link>
          ) : null}
        </div>
      </div>

      <Form
        method="get"
        className="filters panel"
        role="search"
        aria-label={t("filters.label")}
        key={params.toString()}
        onSubmit={(e) => {
          // Empty filters stay out of the URL, so shared links read cleanly.
          for (const el of Array.from(e.currentTarget.elements)) {
            if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name && el.value === "") el.disabled = true;
          }
        }}
      >
        <div className="field wide">
          <label htmlFor="q">{t("filters.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("filters.searchHint")} />
        </div>
        <div className="field">
          <label htmlFor="f-name">{t("filters.name")}</label>
          <input id="f-name" name="name" defaultValue={query.name ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-email">{t("filters.email")}</label>
          <input id="f-email" name="email" defaultValue={query.email ?? ""} dir="ltr" />
        </div>
        <div className="field">
          <label htmlFor="f-phone">{t("filters.phone")}</label>
          <input id="f-phone" name="phone" defaultValue={query.phone ?? ""} dir="ltr" />
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("filters.status")}</label>
          <select id="f-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("filters.any")}</option>
            {customerStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-approval">{t("filters.approval")}</label>
          <select id="f-approval" name="approval" defaultValue={query.approval ?? ""}>
            <option value="">{t("filters.any")}</option>
            {approvalStates.map((s) => (
              <option key={s} value={s}>
                {t(`approval.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-ip">{t("filters.ip")}</label>
          <input id="f-ip" name="ip" defaultValue={query.ip ?? ""} dir="ltr" />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t("filters.from")}</label>
          <input id="f-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("filters.to")}</label>
          <input id="f-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-newsletter">{t("filters.newsletter")}</label>
          <select id="f-newsletter" name="newsletter" defaultValue={query.newsletter ?? ""}>
            <option value="">{t("filters.any")}</option>
            <option value="yes">{t("filters.subscribed")}</option>
            <option value="no">{t("filters.notSubscribed")}</option>
          </select>
        </div>
        <CustomFieldFilters fields={customFields.fields} columns={customFields.columns} shopLanguage={customFields.shopLanguage} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <input type="hidden" name="size" value={query.size} />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t("filters.apply")}
          </button>
          {filtered ? (
            <Link to="?" className="button subtle">
              {t("filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="muted" role="status" data-testid="customer-count">
        {total.capped ? (
          <>
            {t("list.totalCapped", { n: formatNumber(locale, total.count) })} <Link to={`?${exactLink}`}>{t("list.countExactly")}</Link>
          </>
        ) : (
          t("list.total", { count: total.count, n: formatNumber(locale, total.count) })
        )}
      </p>

      {actionData?.queued ? <p className="notice" role="status">{t("bulk.queued")}</p> : null}
      {actionData?.done != null ? <p className="notice" role="status">{t("bulk.done", { count: actionData.done, n: formatNumber(locale, actionData.done) })}</p> : null}
      {actionData?.error ? <p className="field-errors" role="alert">{t(`bulk.errors.${actionData.error}`)}</p> : null}

      {page.customers.length === 0 ? (
        <p className="empty panel">{filtered ? t("list.noMatches") : t("list.empty")}</p>
      ) : (
        <Form method="post" id="bulk-form">
          {canEdit ? (
            <div className="bulk-bar">
              <label htmlFor="bulk-action">{t("bulk.label")}</label>
              <select id="bulk-action" name="bulk" defaultValue="">
                <option value="" disabled>
                  {t("bulk.choose")}
                </option>
                {bulkActions
                  .filter((a) => a !== "delete" || canDelete)
                  .map((a) => (
                    <option key={a} value={a}>
                      {t(`bulk.actions.${a}`)}
                    </option>
                  ))}
              </select>
              <fieldset className="scope">
                <legend className="visually-hidden">{t("bulk.scope")}</legend>
                <label>
                  <input type="radio" name="scope" value="selected" checked={scope === "selected"} onChange={() => setScope("selected")} />
                  {t("bulk.selected", { n: formatNumber(locale, selected.size) })}
                </label>
                <label>
                  <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
                  {total.capped
                    ? t("bulk.allCapped", { n: formatNumber(locale, total.count) })
                    : t("bulk.all", { count: total.count, n: formatNumber(locale, total.count) })}
                </label>
              </fieldset>
              <button
                type="submit"
                className="button"
                disabled={navigation.state !== "idle"}
                onClick={(e) => {
                  const chosen = (e.currentTarget.form?.elements.namedItem("bulk") as HTMLSelectElement | null)?.value;
                  if (chosen === "delete" && !confirm(t("bulk.confirmDelete"))) e.preventDefault();
                }}
              >
                {t("bulk.apply")}
              </button>
            </div>
          ) : null}
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  {canEdit ? (
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label={t("bulk.selectPage")}
                        checked={allOnPage}
                        onChange={(e) => setSelected(e.currentTarget.checked ? new Set(page.customers.map((c) => c.id)) : new Set())}
                      />
                    </th>
                  ) : null}
                  <SortHeader column="name" label={t("list.name")} />
                  <SortHeader column="email" label={t("list.email")} />
                  <th scope="col">{t("list.group")}</th>
                  <SortHeader column="status" label={t("list.status")} />
                  <SortHeader column="ip" label={t("list.ip")} />
                  <SortHeader column="created" label={t("list.added")} />
                  <SortHeader column="orders" label={t("list.orders")} />
                  <SortHeader column="spent" label={t("list.spent")} />
                  <CustomFieldColumns fields={customFields.fields} columns={customFields.columns} shopLanguage={customFields.shopLanguage} timeZone={shop.timezone} />
                </tr>
              </thead>
              <tbody>
                {page.customers.map((c) => (
                  <tr key={c.id}>
                    {canEdit ? (
                      <td>
                        <input
                          type="checkbox"
                          name="id"
                          value={c.id}
                          aria-label={t("bulk.selectOne", { name: `${c.firstName} ${c.lastName}` })}
                          checked={selected.has(c.id)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.currentTarget.checked) next.add(c.id);
                            else next.delete(c.id);
                            setSelected(next);
                          }}
                        />
                      </td>
                    ) : null}
                    <td lang={c.locale ?? undefined}>
                      <Link to={c.id}>
                        {c.firstName} {c.lastName}
                      </Link>
                      {c.approval !== "approved" ? <span className={`badge ${c.approval}`}>{t(`approval.${c.approval}`)}</span> : null}
                    </td>
                    <td dir="ltr">{c.email}</td>
                    <td>
                      {c.defaultGroupId && groups[c.defaultGroupId] ? (
                        <span className="group-name">
                          <Swatch color={groups[c.defaultGroupId]!.color} />
                          {groups[c.defaultGroupId]!.name}
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <span className={`badge ${c.status}`}>{t(`status.${c.status}`)}</span>
                    </td>
                    <td dir="ltr">{c.ip ? <Link to={`?ip=${encodeURIComponent(c.ip)}`}>{c.ip}</Link> : "—"}</td>
                    <td>{formatDate(locale, c.createdAt, shop.timezone)}</td>
                    <td>{formatNumber(locale, c.ordersCount)}</td>
                    <td>{formatMoney(locale, Number(c.totalSpent), shop.currency)}</td>
                    <CustomFieldColumns
                      fields={customFields.fields}
                      columns={customFields.columns}
                      shopLanguage={customFields.shopLanguage}
                      timeZone={shop.timezone}
                      values={customFields.answers[c.id] ?? {}}
                    />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Form>
      )}

      <nav className="pager" aria-label={t("list.pages")}>
        <Form method="get" className="inline page-size">
          {[...params.entries()]
            .filter(([k]) => !["size", "after", "before"].includes(k))
            .map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
          <label htmlFor="page-size">{t("list.pageSize")}</label>
          <select id="page-size" name="size" defaultValue={query.size} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {formatNumber(locale, n)}
              </option>
            ))}
          </select>
        </Form>
        {page.prev || params.get("after") ? <Link to={pageLink({})}>{t("list.first")}</Link> : null}
        {page.prev ? (
          <Link to={pageLink({ before: page.prev })} rel="prev">
            <span className="flip">
              <ArrowIcon />
            </span>{" "}
            {t("list.previous")}
          </Link>
        ) : null}
        {page.next ? (
          <Link to={pageLink({ after: page.next })} rel="next">
            {t("list.next")} <ArrowIcon />
          </Link>
        ) : null}
      </nav>
    </>
  );
}
