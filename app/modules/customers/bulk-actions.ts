export const bulkActions = ["activate", "deactivate", "block", "approve", "deny", "delete"] as const;
export type BulkAction = (typeof bulkActions)[number];
