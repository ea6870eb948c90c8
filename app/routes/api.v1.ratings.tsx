import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiRoute, type ApiMethods } from "~/modules/api/handler.server";
import { ratings } from "~/modules/api/orders.server";

const methods: ApiMethods = { POST: ratings.create };

export const loader = (args: LoaderFunctionArgs) => apiRoute(args, methods);
export const action = (args: ActionFunctionArgs) => apiRoute(args, methods);
