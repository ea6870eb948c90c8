import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiRoute, type ApiMethods } from "~/modules/api/handler.server";
import { storeCredit } from "~/modules/api/ledger.server";

const methods: ApiMethods = { GET: storeCredit.list, POST: storeCredit.create };

export const loader = (args: LoaderFunctionArgs) => apiRoute(args, methods);
export const action = (args: ActionFunctionArgs) => apiRoute(args, methods);
