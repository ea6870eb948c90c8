import { useTranslation } from "react-i18next";
import { useLocale } from "~/root";
import { LanguageLinks } from "./language-links";

export function AuthShell({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <span className="brand">{t("brand")}</span>
        <LanguageLinks current={locale} />
      </header>
      <main className="auth-card">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
