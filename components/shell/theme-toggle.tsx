"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { ToggleGroup } from "radix-ui";
import { cn } from "@/components/ui/cn";
import { useThemePreference } from "./theme";
import { parseThemePreference, type TThemePreference } from "./theme-preference";

const OPTIONS: { value: TThemePreference; label: string; icon: typeof Sun }[] = [
  { value: "system", label: "System theme", icon: Monitor },
  { value: "light", label: "Light theme", icon: Sun },
  { value: "dark", label: "Dark theme", icon: Moon },
];

/** System / Light / Dark as a radio group: Tab reaches the chosen one, arrow keys move between them. */
export function ThemeToggle({ className }: { className?: string }) {
  const [preference, setPreference] = useThemePreference();
  return (
    <ToggleGroup.Root
      type="single"
      value={preference}
      // Radix reports "" when the chosen item is pressed again; a theme is always chosen, so that changes nothing.
      onValueChange={(value) => value && setPreference(parseThemePreference(value))}
      aria-label="Colour theme"
      className={cn("inline-flex items-center gap-0.5 rounded-md border border-neutral-200 bg-neutral-50 p-0.5", className)}
    >
      {OPTIONS.map(({ value, label, icon: Icon }) => (
        <ToggleGroup.Item
          key={value}
          value={value}
          aria-label={label}
          title={label}
          className="inline-flex size-7 items-center justify-center rounded text-neutral-500 hover:text-neutral-900 data-[state=on]:bg-white data-[state=on]:text-neutral-900 data-[state=on]:shadow-xs"
        >
          <Icon className="size-4" aria-hidden />
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
