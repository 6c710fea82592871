import Link from "next/link";
import { Logo } from "@/components/shell/logo";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <Logo />
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="max-w-sm text-sm text-neutral-600">This page does not exist, or it belongs to a project you are not a member of.</p>
      <Link href="/" className="text-sm font-medium text-accent-700 hover:underline">
        Go to your projects
      </Link>
    </main>
  );
}
