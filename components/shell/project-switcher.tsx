"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export function ProjectSwitcher({ current, projects }: { current: { id: string; name: string }; projects: { id: string; name: string }[] }) {
  const router = useRouter();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full items-center justify-between gap-2 rounded-md border border-neutral-200 px-3 py-2 text-left text-sm hover:bg-neutral-50"
        aria-label={`Project: ${current.name}. Switch project`}
      >
        <span className="min-w-0">
          <span className="block text-xs text-neutral-500">Project</span>
          <span className="block truncate font-medium">{current.name}</span>
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-neutral-400" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel>Switch project</DropdownMenuLabel>
        {projects.map((project) => (
          <DropdownMenuItem key={project.id} onSelect={() => router.push(`/${project.id}/workflows`)}>
            <span className="flex-1 truncate">{project.name}</span>
            {project.id === current.id && <Check className="size-4" aria-label="current" />}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => router.push("/new-project")}>
          <Plus className="size-4" aria-hidden /> New project
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
