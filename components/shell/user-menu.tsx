"use client";

import { LogOut, UserRound } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { signOutAction } from "@/app/(auth)/actions";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  const router = useRouter();
  // The account page links back to the project the menu was opened in.
  const projectId = usePathname().split("/")[1] ?? "";
  const accountHref = /^[0-9a-f-]{36}$/i.test(projectId) ? `/account?project=${projectId}` : "/account";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="min-w-0 flex-1 rounded-md px-2 py-1.5 text-left text-sm hover:bg-neutral-100" aria-label="Account menu">
        <span className="block truncate font-medium">{user.name || user.email}</span>
        <span className="block truncate text-xs text-neutral-500">{user.email}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" side="top" className="w-56">
        <DropdownMenuLabel>{user.email}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => router.push(accountHref)}>
          <UserRound className="size-4" aria-hidden /> Account
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOutAction()}>
          <LogOut className="size-4" aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
