import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/field";
import { addComment, listComments } from "~/modules/customers/ledger.server";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { CommentSchema } from "~/modules/customers/schemas";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { formatDateTime } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant }) => ({
    timezone: merchant.timezone,
    comments: (await listComments({ db, merchant }, id)).map((c) => ({ id: c.id.toString(), author: c.authorName, body: c.body, at: c.createdAt.toISOString() })),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const id = customerIdParam(args.params);
  const parsed = CommentSchema.safeParse(Object.fromEntries(await args.request.formData()));
  return inShop(args, "edit:customers", async (shop) => {
    if (!parsed.success) return data({ errors: parsed.error.flatten().fieldErrors.body ?? [] }, { status: 400 });
    if (!(await addComment(shop, id, parsed.data.body))) notFound();
    return { errors: [] as string[] };
  });
}

export default function History() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { comments, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="panel">
      <h2>{t("history.title")}</h2>
      <Form method="post" className="stack" key={comments.length}>
        <label htmlFor="comment">{t("history.add")}</label>
        <textarea id="comment" name="body" rows={3} aria-invalid={actionData?.errors.length ? true : undefined} />
        <ErrorList errors={actionData?.errors} />
        <button type="submit" className="button primary">
          {t("history.save")}
        </button>
      </Form>
      {comments.length === 0 ? (
        <p className="empty">{t("history.empty")}</p>
      ) : (
        <ol className="timeline">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="meta">
                {c.author} · <time dateTime={c.at}>{formatDateTime(locale, c.at, timezone)}</time>
              </p>
              <p className="body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
