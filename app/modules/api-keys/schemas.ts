import { z } from "~/modules/validation/messages";

export const CreateApiKeySchema = z.object({ name: z.string().trim().min(1).max(100) });
export const RevokeApiKeySchema = z.object({ keyId: z.string().uuid() });
