import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CustomerForm } from "~/components/customer-form";
import { createCustomer } from "~/modules/customers/customers.server";
import { countryUsesNationalId } from "~/modules/customers/identity";
import { customerSchema } from "~/modules/customers/schemas";
import { inShop } from "~/modules/tenancy/dashboard.server";

export async function loader(args: LoaderFunctionArgs) {
  return inShop(args, "edit:customers", async ({ merchant }) => ({ country: merchant.country, locale: merchant.defaultLocale }));
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  return inShop(args, "edit:customers", async (shop) => {
    const submission = parseWithZod(formData, { schema: customerSchema(shop.merchant.country) });
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
  const { country, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>{t("form.createTitle")}</h1>
      <section className="panel">
        <CustomerForm
          country={country}
          showNationalId={countryUsesNationalId(country)}
          defaultValue={{ status: "active", approval: "approved", locale }}
          lastResult={actionData?.result}
          submitLabel={t("form.create")}
        />
      </section>
    </>
  );
}
