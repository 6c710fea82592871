"use client";

import { Activity, History, Menu, Settings, Users, Workflow, X, Zap } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Logo } from "./logo";
import { ProjectSwitcher } from "./project-switcher";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export const SECTIONS = [
  { slug: "workflows", label: "Workflows", icon: Workflow },
  { slug: "app-events", label: "App Events", icon: Zap },
  { slug: "runs", label: "Task History", icon: History },
  { slug: "events", label: "Event Log", icon: Activity },
  { slug: "users", label: "Connected Users", icon: Users },
  { slug: "settings", label: "Settings", icon: Settings },
] as const;

type TShellProps = {
  project: { id: string; name: string };
  projects: { id: string; name: string }[];
  user: { name: string; email: string };
  children: React.ReactNode;
};

export function AppShell({ project, projects, user, children }: TShellProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);

  const nav = (
    <nav aria-label="Project sections" className="flex flex-col gap-0.5">
      {SECTIONS.map(({ slug, label, icon: Icon }) => {
        const href = `/${project.id}/${slug}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={slug}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium",
              active ? "bg-accent-50 text-accent-700" : "text-neutral-700 hover:bg-neutral-100",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );

  return (
    <div className="flex min-h-screen">
      <aside
        className={cn(
          "fixed inset-y-0 left-0 z-40 flex w-64 flex-col border-r border-neutral-200 bg-white px-3 py-4 transition-transform md:sticky md:top-0 md:h-screen md:translate-x-0",
          open ? "translate-x-0" : "-translate-x-full",
        )}
      >
        <div className="flex items-center justify-between px-1">
          <Link href="/" aria-label="Switchyard home">
            <Logo />
          </Link>
          <button type="button" className="rounded-md p-1 md:hidden" onClick={() => setOpen(false)} aria-label="Close menu">
            <X className="size-5" />
          </button>
        </div>
        <div className="mt-5">
          <ProjectSwitcher current={project} projects={projects} />
        </div>
        <div className="mt-4 flex-1">{nav}</div>
        <div className="mb-3 flex items-center justify-between gap-2 px-2.5">
          <span className="text-xs text-neutral-500">Theme</span>
          <ThemeToggle />
        </div>
        <div className="flex items-center gap-2 border-t border-neutral-200 pt-3">
          <UserMenu user={user} />
        </div>
      </aside>
      {open && <div className="fixed inset-0 z-30 bg-neutral-900/30 md:hidden" onClick={() => setOpen(false)} aria-hidden />}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex items-center gap-3 border-b border-neutral-200 bg-white px-4 py-3 md:hidden">
          <button type="button" className="rounded-md p-1" onClick={() => setOpen(true)} aria-label="Open menu">
            <Menu className="size-5" />
          </button>
          <span className="truncate text-sm font-medium">{project.name}</span>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-8 sm:py-8">{children}</main>
      </div>
    </div>
  );
}
