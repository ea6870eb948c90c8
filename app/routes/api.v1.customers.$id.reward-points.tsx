import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiRoute, type ApiMethods } from "~/modules/api/handler.server";
import { rewardPoints } from "~/modules/api/ledger.server";

const methods: ApiMethods = { GET: rewardPoints.list, POST: rewardPoints.create };

export const loader = (args: LoaderFunctionArgs) => apiRoute(args, methods);
export const action = (args: ActionFunctionArgs) => apiRoute(args, methods);
