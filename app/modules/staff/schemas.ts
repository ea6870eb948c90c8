import { roles } from "~/modules/auth/permissions";
import { email } from "~/modules/auth/schemas";
import { z } from "~/modules/validation/messages";

export const InviteSchema = z.object({ email, role: z.enum(roles) });
export const ChangeRoleSchema = z.object({ staffId: z.string().uuid(), role: z.enum(roles) });
export const RemoveStaffSchema = z.object({ staffId: z.string().uuid() });
export const RevokeInvitationSchema = z.object({ invitationId: z.string().uuid() });
