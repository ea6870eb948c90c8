import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/modules/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  if (!context.auth) return redirect("/login");
  return redirect("/login", { headers: { "Set-Cookie": await endSession(context.auth.session.id) } });
}
