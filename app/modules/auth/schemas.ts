import { languages } from "~/utils/i18n";
import { message, z } from "~/modules/validation/messages";

export const RESERVED_SLUGS = new Set(["api", "admin", "app", "login", "logout", "signup", "invite", "m", "s", "www", "static", "assets", "healthz"]);

export const email = z.string().trim().toLowerCase().email().max(254);
export const password = z.string().min(10).max(200);
export const personName = z.string().trim().min(1).max(100);

export const shopSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, message("slugFormat"))
  .refine((slug) => !RESERVED_SLUGS.has(slug), message("slugReserved"));

export const SignupSchema = z.object({
  shopName: z.string().trim().min(2).max(100),
  slug: shopSlug,
  name: personName,
  email,
  password,
  language: z.enum(languages),
});

export const LoginSchema = z.object({
  email,
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export const AcceptInvitationSchema = z.object({
  name: personName,
  password,
});

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1), newPassword: password, confirmPassword: z.string().min(1) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: message("passwordsDiffer") });

export const LanguageSchema = z.object({ language: z.enum(languages) });

/** Only same-site paths, so a crafted link cannot bounce a fresh session to another site. */
export function safeRedirect(to: string | null | undefined, fallback = "/") {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
