import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextField } from "~/components/ui/field";
import { assignableRoles } from "~/modules/auth/permissions";
import { inviteStaff, listPendingInvitations, revokeInvitation } from "~/modules/staff/invitations.server";
import { changeRole, listStaff, removeStaff } from "~/modules/staff/members.server";
import { ChangeRoleSchema, InviteSchema, RemoveStaffSchema, RevokeInvitationSchema } from "~/modules/staff/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDate, formatNumber } from "~/utils/format";
import { isLanguage } from "~/utils/i18n";
import { getFixedT } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:staff", async ({ db, merchant, staff }) => ({
    me: staff.id,
    assignable: assignableRoles(staff.role),
    members: (await listStaff(db, merchant.id)).map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    invitations: (await listPendingInvitations(db, merchant.id)).map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt.toISOString(),
    })),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const intent = String(formData.get("intent"));
  const origin = new URL(args.request.url).origin;
  return inShop(args, "manage:staff", async (shop) => {
    if (intent === "invite") {
      const submission = parseWithZod(formData, { schema: InviteSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), link: null, error: null }, { status: 400 });
      const lng = isLanguage(shop.merchant.defaultLocale) ? shop.merchant.defaultLocale : "en";
      const t = await getFixedT(lng, "settings");
      const invited = await inviteStaff(shop, {
        ...submission.value,
        baseUrl: process.env.APP_URL ?? origin,
        mail: {
          subject: t("staff.mail.subject", { shop: shop.merchant.name }),
          text: (link) => t("staff.mail.body", { shop: shop.merchant.name, inviter: shop.user.name, link, days: formatNumber(lng, 7) }),
        },
      });
      if (!invited.ok) {
        return data({ intent, result: submission.reply({ fieldErrors: { [invited.field]: [`settings:staff.errors.${invited.error}`] } }), link: null, error: null }, { status: 400 });
      }
      return { intent, result: submission.reply({ resetForm: true }), link: invited.link, error: null };
    }
    if (intent === "role") {
      const parsed = ChangeRoleSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return data({ intent, result: null, link: null, error: "invalid" }, { status: 400 });
      const changed = await changeRole(shop, parsed.data.staffId, parsed.data.role);
      return changed.ok ? { intent, result: null, link: null, error: null } : data({ intent, result: null, link: null, error: changed.error }, { status: 400 });
    }
    if (intent === "remove") {
      const parsed = RemoveStaffSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return data({ intent, result: null, link: null, error: "invalid" }, { status: 400 });
      const removed = await removeStaff(shop, parsed.data.staffId);
      return removed.ok ? { intent, result: null, link: null, error: null } : data({ intent, result: null, link: null, error: removed.error }, { status: 400 });
    }
    if (intent === "revoke") {
      const parsed = RevokeInvitationSchema.safeParse(Object.fromEntries(formData));
      if (parsed.success) await revokeInvitation(shop, parsed.data.invitationId);
      return { intent, result: null, link: null, error: null };
    }
    return data({ intent, result: null, link: null, error: "invalid" }, { status: 400 });
  });
}

export default function StaffSettings() {
  const { t } = useTranslation("settings");
  const locale = useLocale();
  const { me, assignable, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { role: "staff" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    shouldValidate: "onBlur",
  });
  const roleOptions = assignable.map((role) => ({ value: role, label: t(`roles.${role}`, { ns: "common" }) }));

  return (
    <>
      <section className="panel">
        <h2>{t("staff.title")}</h2>
        {actionData?.error ? <ErrorList errors={[`settings:staff.errors.${actionData.error}`]} /> : null}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("staff.name")}</th>
              <th scope="col">{t("staff.email")}</th>
              <th scope="col">{t("staff.role")}</th>
              <th scope="col">{t("staff.since")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("staff.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td>{member.user.name}</td>
                <td dir="ltr">{member.user.email}</td>
                <td>
                  {member.id !== me && assignable.includes(member.role) ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="staffId" value={member.id} />
                      <label className="visually-hidden" htmlFor={`role-${member.id}`}>
                        {t("staff.roleOf", { name: member.user.name })}
                      </label>
                      <select id={`role-${member.id}`} name="role" defaultValue={member.role} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
                        {roleOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </Form>
                  ) : (
                    t(`roles.${member.role}`, { ns: "common" })
                  )}
                </td>
                <td>{formatDate(locale, member.createdAt)}</td>
                <td>
                  {member.id !== me && assignable.includes(member.role) ? (
                    <Form method="post" className="inline" onSubmit={(e) => { if (!confirm(t("staff.confirmRemove", { name: member.user.name }))) e.preventDefault(); }}>
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="staffId" value={member.id} />
                      <button type="submit" className="button subtle danger">
                        {t("staff.remove")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel">
        <h2>{t("staff.inviteTitle")}</h2>
        <Form method="post" {...getFormProps(form)} className="form-row">
          <input type="hidden" name="intent" value="invite" />
          <TextField field={fields.email} label={t("staff.email")} type="email" dir="ltr" />
          <SelectField field={fields.role} label={t("staff.role")} options={roleOptions} />
          <button type="submit" className="button primary">
            {t("staff.invite")}
          </button>
        </Form>
        {actionData?.link ? (
          <div className="notice" role="status">
            <p>{t("staff.linkOnce", { days: formatNumber(locale, 7) })}</p>
            <input readOnly value={actionData.link} aria-label={t("staff.inviteLink")} dir="ltr" className="copy" onFocus={(e) => e.currentTarget.select()} />
          </div>
        ) : null}
        {invitations.length > 0 ? (
          <>
            <h3>{t("staff.pending")}</h3>
            <ul className="list">
              {invitations.map((invitation) => (
                <li key={invitation.id}>
                  <span dir="ltr">{invitation.email}</span> · {t(`roles.${invitation.role}`, { ns: "common" })} ·{" "}
                  {t("staff.expires", { date: formatDate(locale, invitation.expiresAt) })}
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className="button subtle">
                      {t("staff.revoke")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
