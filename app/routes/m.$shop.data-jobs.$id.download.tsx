import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { findDownload } from "~/modules/imports/data-jobs.server";
import { inShop, notFound } from "~/modules/tenancy/dashboard.server";

/** attachment; with an ASCII fallback and the real (possibly Greek or Persian) name per RFC 6266/5987. */
function contentDisposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams a finished job's file (an export, or an import's rejection report) to staff of the job's shop only. */
export async function loader(args: LoaderFunctionArgs) {
  const file = await inShop(args, "view:customers", (shop) => findDownload(shop, args.params.id));
  if (!file) notFound();
  const info = await stat(file.absolute).catch(() => null);
  if (!info?.isFile()) notFound();
  return new Response(createReadableStreamFromReadable(createReadStream(file.absolute)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Length": String(info.size),
      "Content-Disposition": contentDisposition(file.name),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
