import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

/** Every builder page requires a signed-in builder. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  return children;
}
