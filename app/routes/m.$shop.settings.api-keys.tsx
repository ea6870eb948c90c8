import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField } from "~/components/ui/field";
import { createApiKey, displayPrefix, listApiKeys, revokeApiKey } from "~/modules/api-keys/api-keys.server";
import { CreateApiKeySchema, RevokeApiKeySchema } from "~/modules/api-keys/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "manage:api-keys", async ({ db, merchant }) => ({
    timezone: merchant.timezone,
    keys: (await listApiKeys({ db, merchant })).map((k) => ({
      id: k.id,
      name: k.name,
      prefix: displayPrefix(merchant.slug, k.prefix),
      createdBy: k.createdBy,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    })),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const intent = String(formData.get("intent"));
  return inShop(args, "manage:api-keys", async (shop) => {
    if (intent === "create") {
      const submission = parseWithZod(formData, { schema: CreateApiKeySchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), created: null, error: null }, { status: 400 });
      const key = await createApiKey(shop, submission.value.name);
      // The plaintext key leaves the server this once; only its hash is kept.
      return { intent, result: submission.reply({ resetForm: true }), created: { name: key.name, key: key.key }, error: null };
    }
    if (intent === "revoke") {
      const parsed = RevokeApiKeySchema.safeParse(Object.fromEntries(formData));
      const revoked = parsed.success && (await revokeApiKey(shop, parsed.data.keyId));
      if (!revoked) return data({ intent, result: null, created: null, error: "keyNotFound" as const }, { status: 404 });
      return { intent, result: null, created: null, error: null };
    }
    return data({ intent, result: null, created: null, error: "bad_request" as const }, { status: 400 });
  });
}

export default function ApiKeysSettings() {
  const { t } = useTranslation("api");
  const locale = useLocale();
  const { keys, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "create-api-key",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateApiKeySchema }),
    // One field, emptied after each key: validating on blur would flag it as soon as focus moves on.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  return (
    <>
      <section className="panel">
        <h2>{t("title")}</h2>
        <p>{t("intro")}</p>
        <p className="hint">{t("keepSecret")}</p>
        <p>
          <a href="/api/v1/openapi.json">
            {t("docs")}
          </a>
        </p>
        {actionData?.created ? (
          <div className="notice" role="status">
            <p>{t("createdOnce", { name: actionData.created.name })}</p>
            <input readOnly value={actionData.created.key} aria-label={t("newKey")} dir="ltr" className="copy" onFocus={(e) => e.currentTarget.select()} />
            <p className="hint">{t("usage")}</p>
          </div>
        ) : null}
        {actionData?.intent === "revoke" && !actionData.error ? <p role="status">{t("revokedNotice")}</p> : null}
        {actionData?.error ? <ErrorList errors={[`api:errors.${actionData.error}`]} /> : null}
      </section>

      <section className="panel">
        <h2>{t("listTitle")}</h2>
        {keys.length === 0 ? (
          <p className="empty">{t("empty")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("key")}</th>
                <th scope="col">{t("createdBy")}</th>
                <th scope="col">{t("createdAt")}</th>
                <th scope="col">{t("lastUsed")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code dir="ltr">{key.prefix}…</code>
                  </td>
                  <td>{key.createdBy}</td>
                  <td>{formatDateTime(locale, key.createdAt, timezone)}</td>
                  <td>{key.lastUsedAt ? formatDateTime(locale, key.lastUsedAt, timezone) : t("never")}</td>
                  <td>{key.revokedAt ? t("revokedOn", { date: formatDateTime(locale, key.revokedAt, timezone) }) : t("active")}</td>
                  <td>
                    {key.revokedAt ? null : (
                      <Form
                        method="post"
                        className="inline"
                        onSubmit={(e) => {
                          if (!confirm(t("confirmRevoke", { name: key.name }))) e.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="keyId" value={key.id} />
                        <button type="submit" className="button subtle danger" aria-label={t("revokeLabel", { name: key.name })}>
                          {t("revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel">
        <h2>{t("createTitle")}</h2>
        <Form method="post" {...getFormProps(form)} className="form-row">
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.name} label={t("name")} hint={t("nameHint")} />
          <button type="submit" className="button primary">
            {t("create")}
          </button>
        </Form>
      </section>
    </>
  );
}
