export const roles = ["owner", "admin", "staff"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "view:customers",
  "edit:customers",
  "delete:customers",
  "manage:groups",
  "manage:custom-fields",
  "manage:restrictions",
  "view:reports",
  "manage:settings",
  "manage:staff",
  "manage:api-keys",
  "manage:billing",
] as const;
export type Permission = (typeof permissions)[number];

const all = new Set<Permission>(permissions);
const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  owner: all,
  admin: new Set(permissions.filter((p) => p !== "manage:billing" && p !== "manage:api-keys")),
  staff: new Set<Permission>(["view:customers", "edit:customers", "view:reports"]),
};

export function can(role: Role, permission: Permission) {
  return rolePermissions[role].has(permission);
}

/** Roles a member may hand out: only the owner creates admins and owners. */
export function assignableRoles(role: Role): Role[] {
  if (role === "owner") return ["owner", "admin", "staff"];
  if (role === "admin") return ["staff"];
  return [];
}
