import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createImportJob } from "~/modules/imports/data-jobs.server";
import { createUploadHandler, removeShopFile, UploadTooLargeError } from "~/modules/imports/files.server";
import { importColumns, ImportFormSchema, importModes, MAX_UPLOAD_BYTES, requiredColumns } from "~/modules/imports/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { intlLocale } from "~/utils/i18n";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "edit:customers", async () => ({ maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024 }));
}

type ImportError = "noFile" | "tooLarge" | "mode" | "invalid";

export async function action(args: ActionFunctionArgs) {
  // The shop and the permission are checked before a single byte of the upload is accepted.
  const merchantId = await inShop(args, "edit:customers", async ({ merchant }) => merchant.id);
  const { handler, uploads } = createUploadHandler(merchantId);
  const discard = (keep?: string) => Promise.all(uploads.filter((u) => u.relative !== keep).map((u) => removeShopFile(merchantId, u.relative)));
  const fail = async (error: ImportError, status: number) => {
    await discard();
    return data({ error }, { status });
  };

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, unstable_composeUploadHandlers(handler, unstable_createMemoryUploadHandler({ maxPartSize: 10_000 })));
  } catch (error) {
    if (error instanceof UploadTooLargeError) return fail("tooLarge", 413);
    if (error instanceof MaxPartSizeExceededError || error instanceof TypeError) return fail("invalid", 400);
    await discard();
    throw error;
  }
  const upload = uploads.find((u) => u.field === "file");
  if (!upload) return fail("noFile", 400);
  const parsed = ImportFormSchema.safeParse({ mode: form.get("mode") });
  if (!parsed.success) return fail("mode", 400);
  await discard(upload.relative);

  const locale = await resolveLanguage(args.request, args.context.auth?.user.locale);
  try {
    const id = await inShop(args, "edit:customers", (shop) => createImportJob(shop, { mode: parsed.data.mode, fileName: upload.fileName, filePath: upload.relative, locale }));
    return redirect(`/m/${args.params.shop}/data-jobs/${id}`);
  } catch (error) {
    await removeShopFile(merchantId, upload.relative);
    throw error;
  }
}

export default function ImportCustomers() {
  const { t } = useTranslation("imports");
  const locale = useLocale();
  const { maxMegabytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/m/${useParams().shop}`;
  const size = new Intl.NumberFormat(intlLocale(locale), { style: "unit", unit: "megabyte" }).format(maxMegabytes);
  const optional = importColumns.filter((c) => !requiredColumns.includes(c));

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/customers`}>{t("links.customers")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("import.title")}</h1>
        <div className="page-actions">
          <Link to={`${base}/data-jobs`} className="button subtle">
            {t("links.jobs")}
          </Link>
        </div>
      </div>

      <Form method="post" encType="multipart/form-data" className="panel">
        <p>{t("import.intro", { size })}</p>
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-invalid={actionData?.error === "noFile" || actionData?.error === "tooLarge" ? true : undefined} />
        </div>
        <fieldset className="field">
          <legend>{t("import.mode")}</legend>
          {importModes.map((mode) => (
            <label key={mode}>
              <input type="radio" name="mode" value={mode} defaultChecked={mode === "create_only"} /> {t(`import.modes.${mode}`)}
            </label>
          ))}
        </fieldset>
        {actionData?.error ? (
          <p className="field-errors" role="alert">
            {t(`import.errors.${actionData.error}`, { size })}
          </p>
        ) : null}
        <p className="hint">{t("import.atomic")}</p>
        <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
          {navigation.state === "submitting" ? t("import.uploading") : t("import.submit")}
        </button>
      </Form>

      <section className="panel">
        <h2>{t("import.columnsTitle")}</h2>
        <p dir="auto">{t("import.required", { columns: requiredColumns.join(", ") })}</p>
        <p dir="auto">{t("import.optional", { columns: optional.join(", ") })}</p>
        <p className="hint">{t("import.rules")}</p>
        <p className="hint">{t("import.customColumns")}</p>
      </section>
    </>
  );
}
