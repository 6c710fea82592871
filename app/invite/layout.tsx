import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";

export default function InviteLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="relative flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Logo />
      </div>
      <div className="w-full max-w-md rounded-md border border-neutral-200 bg-white p-6 shadow-xs sm:p-8">{children}</div>
      <ThemeToggle className="absolute top-4 right-4" />
    </main>
  );
}
