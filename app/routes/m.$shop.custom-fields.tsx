import type { LinksFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import styles from "~/styles/custom-fields.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export default function CustomFieldsSection() {
  return <Outlet />;
}
