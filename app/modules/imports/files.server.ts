import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { UploadHandler } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { MAX_UPLOAD_BYTES } from "./schemas";

/**
 * Every shop's files live in DATA_DIR/<merchant id>/. The database stores paths relative to DATA_DIR, and only
 * ever paths this module made, so moving DATA_DIR keeps them valid.
 */
export function dataRoot() {
  return path.resolve(env.DATA_DIR);
}

export async function shopFile(merchantId: string, name: string) {
  if (!/^[0-9a-f-]{36}$/.test(merchantId) || name.includes("/") || name.includes("\\")) throw new Error(`Bad data file name: ${merchantId}/${name}`);
  await mkdir(path.join(dataRoot(), merchantId), { recursive: true });
  return { relative: `${merchantId}/${name}`, absolute: path.join(dataRoot(), merchantId, name) };
}

/** The absolute path of a stored file of this shop; anything outside the shop's folder is refused. */
export function resolveShopFile(merchantId: string, relative: string) {
  const folder = path.join(dataRoot(), merchantId) + path.sep;
  const absolute = path.resolve(dataRoot(), relative);
  if (!absolute.startsWith(folder)) throw new Error(`Data file outside the shop's folder: ${relative}`);
  return absolute;
}

export async function removeShopFile(merchantId: string, relative: string | null | undefined) {
  if (relative) await rm(resolveShopFile(merchantId, relative), { force: true });
}

export class UploadTooLargeError extends Error {
  constructor() {
    super(`The upload is larger than ${MAX_UPLOAD_BYTES} bytes`);
  }
}

export interface StoredUpload {
  field: string;
  fileName: string;
  relative: string;
  size: number;
}

/**
 * A multipart upload handler that streams each file part straight to the shop's folder (never into memory) and
 * stops at maxBytes. Parts sent without a chosen file are drained and skipped; `uploads` lists what was stored.
 */
export function createUploadHandler(merchantId: string, maxBytes = MAX_UPLOAD_BYTES) {
  const uploads: StoredUpload[] = [];
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) return undefined;
    if (!filename) {
      for await (const _chunk of data) void _chunk;
      return "";
    }
    const file = await shopFile(merchantId, `upload-${randomUUID()}.csv`);
    const out = createWriteStream(file.absolute);
    let size = 0;
    try {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new UploadTooLargeError();
        if (!out.write(chunk)) await once(out, "drain");
      }
      out.end();
      await once(out, "finish");
    } catch (error) {
      // The file may be opened after destroy(); remove it only once the stream has closed.
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once("close", () => resolve()));
      await rm(file.absolute, { force: true });
      throw error;
    }
    uploads.push({ field: name, fileName: filename, relative: file.relative, size });
    return file.relative;
  };
  return { handler, uploads };
}
