import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/ui/field";
import { can } from "~/modules/auth/permissions";
import { currencyOptions, ShopProfileSchema, timeZoneOptions } from "~/modules/merchants/schemas";
import { updateShopProfile } from "~/modules/merchants/update-profile.server";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { languageNames, languages } from "~/utils/i18n";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, null, async ({ merchant, staff }) => {
    if (!can(staff.role, "manage:settings")) throw redirect(`/m/${merchant.slug}/settings/account`);
    const { name, defaultLocale, currency, timezone, country } = merchant;
    return { profile: { name, defaultLocale, currency, timezone, country } };
  });
}

export async function action(args: ActionFunctionArgs) {
  const submission = parseWithZod(await args.request.formData(), { schema: ShopProfileSchema });
  return inShop(args, "manage:settings", async (shop) => {
    if (submission.status !== "success") return { result: submission.reply(), saved: false };
    await updateShopProfile(shop, submission.value);
    return { result: submission.reply(), saved: true };
  });
}

export default function ShopSettings() {
  const { t } = useTranslation("settings");
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: profile,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ShopProfileSchema }),
    shouldValidate: "onBlur",
  });
  const region = new Intl.DisplayNames([profile.defaultLocale], { type: "region" });

  return (
    <section className="panel">
      <h2>{t("shop.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="form-grid">
        <TextField field={fields.name} label={t("shop.name")} />
        <SelectField field={fields.defaultLocale} label={t("shop.defaultLocale")} options={languages.map((l) => ({ value: l, label: languageNames[l] }))} />
        <SelectField field={fields.currency} label={t("shop.currency")} options={currencyOptions.map((c) => ({ value: c, label: c }))} />
        <SelectField field={fields.timezone} label={t("shop.timezone")} options={timeZoneOptions.map((z) => ({ value: z, label: z }))} />
        <TextField field={fields.country} label={t("shop.country")} hint={t("shop.countryHint")} dir="ltr" />
        <p className="hint">{region.of(profile.country) ?? profile.country}</p>
        <div className="actions">
          <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
            {t("save", { ns: "common" })}
          </button>
          {actionData?.saved ? <span role="status">{t("saved", { ns: "common" })}</span> : null}
        </div>
      </Form>
    </section>
  );
}
