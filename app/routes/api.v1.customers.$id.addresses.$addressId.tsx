import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiRoute, type ApiMethods } from "~/modules/api/handler.server";
import { addresses } from "~/modules/api/customers.server";

const methods: ApiMethods = { GET: addresses.get, PATCH: addresses.update, DELETE: addresses.remove };

export const loader = (args: LoaderFunctionArgs) => apiRoute(args, methods);
export const action = (args: ActionFunctionArgs) => apiRoute(args, methods);
