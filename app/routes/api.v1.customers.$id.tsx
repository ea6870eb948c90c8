import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiRoute, type ApiMethods } from "~/modules/api/handler.server";
import { customers } from "~/modules/api/customers.server";

const methods: ApiMethods = { GET: customers.get, PATCH: customers.update, DELETE: customers.remove };

export const loader = (args: LoaderFunctionArgs) => apiRoute(args, methods);
export const action = (args: ActionFunctionArgs) => apiRoute(args, methods);
