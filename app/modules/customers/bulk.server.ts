import { enqueueInTransaction } from "~/jobs/outbox.server";
import type { TenantScope } from "~/modules/tenancy/dashboard.server";
import { withTenant } from "~/utils/db.server";
import { deleteCustomers, setCustomerApproval, setCustomerStatus } from "./customers.server";
import { matchingIds } from "./list-customers.server";
import { type ListFilters } from "./list-query";

import type { BulkAction } from "./bulk-actions";

/** Applies one action to a batch of ids inside the caller's tenant transaction. */
export async function applyBulkAction(scope: TenantScope, action: BulkAction, ids: bigint[]) {
  switch (action) {
    case "activate":
      return setCustomerStatus(scope, ids, "active");
    case "deactivate":
      return setCustomerStatus(scope, ids, "inactive");
    case "block":
      return setCustomerStatus(scope, ids, "blocked");
    case "approve":
      return setCustomerApproval(scope, ids, "approved");
    case "deny":
      return setCustomerApproval(scope, ids, "denied");
    case "delete":
      return deleteCustomers(scope, ids);
  }
}

/** "All matching the filter" runs as a job, so a million customers never hold one request or one transaction. */
export async function queueBulkAction(scope: TenantScope, action: BulkAction, filters: ListFilters) {
  const jobId = `bulk-${scope.merchant.id}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await enqueueInTransaction(scope.db, "customer-bulk", { merchantId: scope.merchant.id, action, filters, actorName: scope.actor.name, staffId: scope.actor.staffId }, { jobId });
  return jobId;
}

/**
 * The job: ids are collected first (a stable set, so a status change cannot make the scan skip or repeat rows),
 * then changed in batches of 1,000, one tenant transaction each, so progress survives a worker restart.
 */
export async function runBulkAction(input: { merchantId: string; action: BulkAction; filters: ListFilters; actorName: string; staffId: string | null }, onProgress?: (done: number) => Promise<void>) {
  const merchant = await withTenant(input.merchantId, (db) => db.merchant.findUniqueOrThrow({ where: { id: input.merchantId } }));
  const batches = await withTenant(
    input.merchantId,
    async (db) => {
      const all: bigint[][] = [];
      for await (const ids of matchingIds({ db, merchant }, input.filters)) all.push(ids);
      return all;
    },
    { timeout: 120_000 },
  );
  let done = 0;
  for (const ids of batches) {
    done += await withTenant(input.merchantId, (db) => applyBulkAction({ db, merchant, actor: { staffId: input.staffId, name: input.actorName } }, input.action, ids));
    await onProgress?.(done);
  }
  return { done };
}
