import type { Metadata } from "next";
import "./globals.css";
import { Providers } from "@/components/providers";
import { THEME_SCRIPT } from "@/components/shell/theme-preference";

export const metadata: Metadata = {
  title: { default: "Switchyard", template: "%s · Switchyard" },
  description: "Ship integrations to your customers",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script adds `dark` to <html> before React hydrates, which React would otherwise report as a mismatch.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-neutral-50 text-neutral-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
