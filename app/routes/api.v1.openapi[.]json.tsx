import type { ActionFunctionArgs } from "@remix-run/node";
import { json, methodNotAllowed } from "~/modules/api/handler.server";
import { openApiDocument } from "~/modules/api/openapi.server";

// Public: the description of the API holds nothing of any shop.
export const loader = () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
export const action = ({ request }: ActionFunctionArgs) => methodNotAllowed(request, ["GET"]);
