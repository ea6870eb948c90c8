import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddressForm } from "~/components/address-form";
import { CustomerForm } from "~/components/customer-form";
import { addAddress, listAddresses, removeAddress, setDefaultAddress, updateAddress } from "~/modules/customers/addresses.server";
import { getCustomer, updateCustomer } from "~/modules/customers/customers.server";
import { readAnswers } from "~/modules/custom-fields/answers.server";
import { customFieldInputs, withCustomFields, type CustomFieldForm } from "~/modules/custom-fields/form";
import { customFieldForm } from "~/modules/custom-fields/form.server";
import { displayValue, localized, type CustomValues } from "~/modules/custom-fields/values";
import { countryUsesNationalId } from "~/modules/customers/identity";
import { customerIdParam } from "~/modules/customers/route-helpers.server";
import { addressSchema, customerSchema } from "~/modules/customers/schemas";
import { can } from "~/modules/auth/permissions";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";
import { useLocale } from "~/root";
import { intlLocale } from "~/utils/i18n";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader(args: LoaderFunctionArgs) {
  const id = customerIdParam(args.params);
  return inShop(args, "view:customers", async ({ db, merchant, staff }) => {
    const customer = await getCustomer({ db, merchant }, id);
    if (!customer) notFound();
    const accountFields = await customFieldForm({ db, merchant }, "account", id);
    const addressFields = await customFieldForm({ db, merchant }, "address", id);
    const answers = (await readAnswers({ db }, merchant.id, accountFields.fields, [id])).get(id) ?? {};
    return {
      accountFields,
      addressFields,
      answers,
      country: merchant.country,
      canEdit: can(staff.role, "edit:customers"),
      customer: {
        firstName: customer.firstName,
        lastName: customer.lastName,
        email: customer.email,
        phone: customer.phone ?? "",
        nationalId: customer.nationalId ?? "",
        gender: customer.gender ?? "",
        birthDate: customer.birthDate ? customer.birthDate.toISOString().slice(0, 10) : "",
        locale: customer.locale ?? "",
        newsletter: customer.newsletter,
        status: customer.status,
        approval: customer.approval,
        notes: customer.notes ?? "",
        customFields: customFieldInputs(accountFields, answers),
      },
      addresses: (await listAddresses({ db, merchant }, id)).map((a) => ({
        ...a,
        id: a.id.toString(),
        customerId: undefined,
        createdAt: undefined,
        answers: a.customFields as CustomValues,
        customFields: customFieldInputs(addressFields, a.customFields as CustomValues),
      })),
    };
  });
}

function idFrom(value: FormDataEntryValue | null) {
  return typeof value === "string" && /^\d{1,18}$/.test(value) ? BigInt(value) : null;
}

export async function action(args: ActionFunctionArgs) {
  const id = customerIdParam(args.params);
  const form = await args.request.formData();
  const intent = String(form.get("intent"));
  const lng = await resolveLanguage(args.request, args.context.auth?.user.locale);
  return inShop(args, "edit:customers", async (shop) => {
    const country = shop.merchant.country;
    if (intent === "save") {
      const submission = parseWithZod(form, { schema: withCustomFields(customerSchema(country), await customFieldForm(shop, "account", id), lng) });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
      const updated = await updateCustomer(shop, id, submission.value);
      if (!updated.ok && updated.error === "notFound") notFound();
      if (!updated.ok) return data({ intent, result: submission.reply({ fieldErrors: { email: ["customerEmailTaken"] } }), saved: false }, { status: 409 });
      return { intent, result: submission.reply(), saved: true };
    }
    if (intent === "address-add" || intent === "address-update") {
      const submission = parseWithZod(form, { schema: withCustomFields(addressSchema(country), await customFieldForm(shop, "address", id), lng) });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
      const addressId = idFrom(form.get("addressId"));
      const saved = intent === "address-add" ? await addAddress(shop, id, submission.value) : addressId ? await updateAddress(shop, id, addressId, submission.value) : null;
      if (!saved) notFound();
      return { intent, result: submission.reply({ resetForm: true }), saved: true };
    }
    const addressId = idFrom(form.get("addressId"));
    if (addressId && intent === "address-default") return { intent, result: null, saved: await setDefaultAddress(shop, id, addressId) };
    if (addressId && intent === "address-remove") return { intent, result: null, saved: await removeAddress(shop, id, addressId) };
    return data({ intent, result: null, saved: false }, { status: 400 });
  });
}

export default function CustomerProfile() {
  const { t } = useTranslation("customers");
  const locale = useLocale();
  const { country, canEdit, customer, addresses, accountFields, addressFields, answers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);

  return (
    <>
      <section className="panel">
        <h2>{t("form.editTitle")}</h2>
        {canEdit ? (
          <CustomerForm
            country={country}
            showNationalId={countryUsesNationalId(country) || Boolean(customer.nationalId)}
            defaultValue={customer}
            lastResult={result("save")}
            submitLabel={t("form.save")}
            customFields={accountFields}
          />
        ) : (
          <>
            <p className="muted">{t("form.readOnly")}</p>
            <Answers form={accountFields} values={answers} />
          </>
        )}
        {actionData?.intent === "save" && actionData.saved ? <p role="status">{t("actions.saved")}</p> : null}
      </section>

      <section className="panel">
        <h2>{t("address.title")}</h2>
        {addresses.length === 0 ? <p className="empty">{t("address.empty")}</p> : null}
        <ul className="addresses">
          {addresses.map((a) => (
            <li key={a.id} className="address" data-testid="address">
              <address>
                <strong>
                  {a.firstName} {a.lastName}
                </strong>
                {a.company ? <span>{a.company}</span> : null}
                <span>{a.line1}</span>
                {a.line2 ? <span>{a.line2}</span> : null}
                <span>
                  {a.postcode} {a.city}
                  {a.region ? `, ${a.region}` : ""}
                </span>
                <span>{new Intl.DisplayNames([intlLocale(locale)], { type: "region" }).of(a.country) ?? a.country}</span>
                {a.phone ? <span dir="ltr">{a.phone}</span> : null}
              </address>
              <Answers form={addressFields} values={a.answers} />
              {a.isDefault ? <span className="badge approved">{t("address.default")}</span> : null}
              {canEdit ? (
                <div className="address-actions">
                  {!a.isDefault ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="addressId" value={a.id} />
                      <button type="submit" name="intent" value="address-default" className="button subtle">
                        {t("address.makeDefault")}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" className="inline" onSubmit={(e) => { if (!confirm(t("address.confirmRemove"))) e.preventDefault(); }}>
                    <input type="hidden" name="addressId" value={a.id} />
                    <button type="submit" name="intent" value="address-remove" className="button subtle danger">
                      {t("address.remove")}
                    </button>
                  </Form>
                  <details>
                    <summary>{t("address.edit")}</summary>
                    <AddressForm formId={`address-${a.id}`} country={country} customFields={addressFields} defaultValue={a} lastResult={actionData?.intent === "address-update" ? actionData.result : undefined} submitLabel={t("address.save")} />
                  </details>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <details className="add-address" open={addresses.length === 0}>
            <summary>{t("address.add")}</summary>
            <AddressForm
              formId="address-new"
              country={country}
              customFields={addressFields}
              defaultValue={{ firstName: customer.firstName, lastName: customer.lastName, customFields: customFieldInputs(addressFields, null) }} lastResult={result("address-add")} submitLabel={t("address.add")} />
          </details>
        ) : null}
      </section>
    </>
  );
}

/** Custom field answers as people read them (option labels, yes/no, date-times in the shop's zone). */
function Answers({ form, values }: { form: CustomFieldForm; values: CustomValues }) {
  const { t, i18n } = useTranslation("customers");
  const answered = form.fields.filter((f) => values[f.key] !== undefined && values[f.key] !== null);
  if (answered.length === 0) return null;
  const labels = { yes: t("customFields.yes"), no: t("customFields.no") };
  return (
    <dl className="custom-answers">
      {answered.map((field) => (
        <div key={field.key}>
          <dt>{localized(field.name, i18n.language, form.shopLanguage)}</dt>
          <dd>{displayValue(field, values[field.key], i18n.language, labels, form.timeZone)}</dd>
        </div>
      ))}
    </dl>
  );
}
