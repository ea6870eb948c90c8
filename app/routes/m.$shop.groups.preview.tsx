import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { Criteria } from "~/modules/groups/criteria";
import { criteriaSchemaFor } from "~/modules/groups/custom-criteria";
import { criteriaFields } from "~/modules/groups/groups.server";
import { previewWithin } from "~/modules/groups/members.server";
import { inShop } from "~/modules/tenancy/dashboard.server";

export type PreviewResult =
  | { ok: true; count: number; sample: Array<{ id: string; name: string; email: string; locale: string | null }> }
  | { ok: false; issues: Array<{ path: string[]; message: string }>; timedOut?: boolean };

/** The builder's live preview: who matches criteria that are not saved yet (nothing is written). */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const text = String(form.get("criteria") ?? "");
  return inShop(args, "view:customers", async (shop) => {
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: the schema reports it as invalid.
    }
    const parsed = criteriaSchemaFor(await criteriaFields(shop)).safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      return data<PreviewResult>({ ok: false, issues }, { status: 400 });
    }
    const preview = await previewWithin(shop, parsed.data as Criteria);
    if (preview.timedOut) return data<PreviewResult>({ ok: false, issues: [], timedOut: true }, { status: 503 });
    return data<PreviewResult>({ ok: true, count: preview.count, sample: preview.sample });
  });
}
