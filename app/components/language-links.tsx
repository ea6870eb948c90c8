import { Link, useLocation } from "@remix-run/react";
import { languageNames, languages } from "~/utils/i18n";

/** For signed-out pages: switching is a ?lng= link (remembered in a cookie). */
export function LanguageLinks({ current }: { current: string }) {
  const location = useLocation();
  return (
    <nav className="language-links">
      {languages.map((lng) => {
        const params = new URLSearchParams(location.search);
        params.set("lng", lng);
        return (
          <Link key={lng} to={`${location.pathname}?${params}`} lang={lng} aria-current={lng === current ? "true" : undefined} reloadDocument>
            {languageNames[lng]}
          </Link>
        );
      })}
    </nav>
  );
}
