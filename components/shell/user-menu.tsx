"use client";

import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/(auth)/actions";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="min-w-0 flex-1 rounded-md px-2 py-1.5 text-left text-sm hover:bg-neutral-100" aria-label="Account menu">
        <span className="block truncate font-medium">{user.name || user.email}</span>
        <span className="block truncate text-xs text-neutral-500">{user.email}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" side="top" className="w-56">
        <DropdownMenuLabel>{user.email}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => void signOutAction()}>
          <LogOut className="size-4" aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
