import { describe, expect, it } from "vitest";
import { addStaff, createShop, uniq } from "../../../tests/factories";
import { changePassword } from "./account.server";
import { login } from "./login.server";
import { lucia } from "./lucia.server";
import { authenticate } from "./session.server";
import { ACCOUNT_FAILURE_LIMIT } from "./throttle.server";
import { prisma } from "~/utils/db.server";

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const cookieHeader = (setCookie: string) => setCookie.split(";")[0]!;

describe("login", () => {
  it("answers the same for an unknown e-mail and a wrong password", async () => {
    const { owner } = await createShop();
    const wrong = await login({ email: owner.email, password: "not-the-password", ip: ip() });
    const unknown = await login({ email: `nobody-${uniq()}@example.test`, password: "whatever-password", ip: ip() });
    expect(wrong).toEqual({ ok: false, error: "invalidCredentials" });
    expect(unknown).toEqual(wrong);
  });

  it("throttles the 11th wrong password for an account within the window, even with the right one", async () => {
    const { owner } = await createShop();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i += 1) {
      expect(await login({ email: owner.email, password: `wrong-${i}`, ip: ip() })).toMatchObject({ error: "invalidCredentials" });
    }
    const eleventh = await login({ email: owner.email, password: owner.password, ip: ip() });
    expect(eleventh).toMatchObject({ ok: false, error: "throttled" });
    expect(eleventh.ok === false && eleventh.error === "throttled" && eleventh.retryAfter).toBeGreaterThan(0);
  });

  it("throttles an IP that fails across many accounts", async () => {
    const address = ip();
    for (let i = 0; i < 50; i += 1) await login({ email: `probe-${i}-${uniq()}@example.test`, password: "x-password", ip: address });
    const { owner } = await createShop();
    expect(await login({ email: owner.email, password: owner.password, ip: address })).toMatchObject({ error: "throttled" });
    expect(await login({ email: owner.email, password: owner.password, ip: ip() })).toMatchObject({ ok: true });
  });

  it("starts a database session whose cookie holds only the id", async () => {
    const { owner } = await createShop();
    const result = await login({ email: owner.email, password: owner.password, ip: ip() });
    if (!result.ok) throw new Error("login failed");
    const id = cookieHeader(result.cookie).split("=")[1]!;
    expect(await prisma.session.findUnique({ where: { id } })).toMatchObject({ userId: owner.id });
    const { auth } = await authenticate(cookieHeader(result.cookie));
    expect(auth?.user.email).toBe(owner.email);
  });
});

describe("sessions", () => {
  it("end at the absolute lifetime even while in use", async () => {
    const { owner } = await createShop();
    const session = await lucia.createSession(owner.id, { createdAt: new Date(Date.now() - 31 * 86_400_000) });
    const { auth, cookies } = await authenticate(`clientela_session=${session.id}`);
    expect(auth).toBeNull();
    expect(cookies[0]).toMatch(/clientela_session=;/);
    expect(await prisma.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("a password change signs out every other session", async () => {
    const { owner } = await createShop();
    const other = await lucia.createSession(owner.id, { createdAt: new Date() });
    const wrong = await changePassword({ user: { id: owner.id } as never }, { currentPassword: "nope-nope-nope", newPassword: "another-long-password" });
    expect(wrong).toEqual({ ok: false, error: "wrongPassword" });
    const changed = await changePassword({ user: { id: owner.id } as never }, { currentPassword: owner.password, newPassword: "another-long-password" });
    expect(changed.ok).toBe(true);
    expect(await prisma.session.findUnique({ where: { id: other.id } })).toBeNull();
    expect(await prisma.session.count({ where: { userId: owner.id } })).toBe(1);
    expect(await login({ email: owner.email, password: "another-long-password", ip: ip() })).toMatchObject({ ok: true });
  });

  it("stores passwords as argon2id with at least 19 MiB, t=2, p=1", async () => {
    const { owner } = await createShop();
    const user = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("staff of one shop have no membership in another", async () => {
    const a = await createShop();
    const b = await createShop();
    const member = await addStaff(a.merchant.id, "staff");
    const { listUserShops } = await import("./login.server");
    expect((await listUserShops(member.user.id)).map((s) => s.merchant.slug)).toEqual([a.merchant.slug]);
    expect((await listUserShops(b.owner.id)).map((s) => s.merchant.slug)).toEqual([b.merchant.slug]);
  });
});
