import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CustomerForm } from "~/components/customer-form";
import { createCustomer } from "~/modules/customers/customers.server";
import { customFieldInputs, withCustomFields } from "~/modules/custom-fields/form";
import { customFieldForm } from "~/modules/custom-fields/form.server";
import { countryUsesNationalId } from "~/modules/customers/identity";
import { customerSchema } from "~/modules/customers/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "edit:customers", async (scope) => ({
    country: scope.merchant.country,
    locale: scope.merchant.defaultLocale,
    customFields: await customFieldForm(scope, "account", null),
  }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const lng = await resolveLanguage(args.request, args.context.auth?.user.locale);
  return inShop(args, "edit:customers", async (shop) => {
    // A new customer is held to the requirements of the shop's default group.
    const fields = await customFieldForm(shop, "account", null);
    const submission = parseWithZod(formData, { schema: withCustomFields(customerSchema(shop.merchant.country), fields, lng) });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const created = await createCustomer(shop, submission.value);
    if (!created.ok) {
      return data({ result: submission.reply({ fieldErrors: { email: ["customerEmailTaken"] } }) }, { status: 409 });
    }
    throw redirect(`/m/${shop.merchant.slug}/customers/${created.id}`);
  });
}

export default function NewCustomer() {
  const { t } = useTranslation("customers");
  const { country, locale, customFields } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>{t("form.createTitle")}</h1>
      <section className="panel">
        <CustomerForm
          country={country}
          showNationalId={countryUsesNationalId(country)}
          defaultValue={{ status: "active", approval: "approved", locale, customFields: customFieldInputs(customFields, null) }}
          customFields={customFields}
          lastResult={actionData?.result}
          submitLabel={t("form.create")}
        />
      </section>
    </>
  );
}
