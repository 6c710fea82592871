import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";
import { resolveProjectAccess } from "./resolve-project-access";

/**
 * For a project's pages and layout: the signed-in builder and their access to the project. Signed out goes
 * to sign-in; a project they cannot see is a 404, never a 403. Pages render alongside their layout, so a page
 * that reads project data calls this itself rather than relying on the layout's check. Cached for the request:
 * the layout's and the page's calls share one session lookup and one membership query.
 */
export const requireProjectPageAccess = cache(async (projectId: string) => {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  const caller = { kind: "builder" as const, builderId: session.user.id };
  const access = await resolveProjectAccess(caller, projectId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return { user: session.user, caller, access };
});
