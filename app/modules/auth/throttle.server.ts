import { key, redis } from "~/utils/redis.server";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURE_LIMIT = 10;
export const IP_FAILURE_LIMIT = 50;

const accountKey = (email: string) => key("login-failures", "account", email);
const ipKey = (ip: string) => key("login-failures", "ip", ip);

/** Seconds until the caller may try again, or 0. Counted per e-mail whether or not the account exists. */
export async function loginRetryAfter(email: string, ip: string) {
  const [account, address] = await redis.mget(accountKey(email), ipKey(ip));
  const blocked = [
    Number(account ?? 0) >= ACCOUNT_FAILURE_LIMIT ? accountKey(email) : null,
    Number(address ?? 0) >= IP_FAILURE_LIMIT ? ipKey(ip) : null,
  ].filter((k): k is string => k !== null);
  if (blocked.length === 0) return 0;
  const ttls = await Promise.all(blocked.map((k) => redis.ttl(k)));
  return Math.max(1, ...ttls);
}

export async function recordLoginFailure(email: string, ip: string) {
  await redis
    .multi()
    .incr(accountKey(email))
    .expire(accountKey(email), LOGIN_WINDOW_SECONDS, "NX")
    .incr(ipKey(ip))
    .expire(ipKey(ip), LOGIN_WINDOW_SECONDS, "NX")
    .exec();
}

export async function clearAccountFailures(email: string) {
  await redis.del(accountKey(email));
}
