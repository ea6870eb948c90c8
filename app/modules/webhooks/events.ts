export const webhookEvents = ["customer.group.joined", "customer.group.left"] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
