"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ChevronsUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { type TProject, ZProject } from "@/lib/schemas/project";

export function ProjectGeneralCard({ projectId }: { projectId: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const project = useQuery({ queryKey: ["projects", projectId], queryFn: () => apiFetch(`/projects/${projectId}`, ZProject) });
  const [name, setName] = useState("");
  useEffect(() => {
    if (project.data) setName(project.data.name);
  }, [project.data]);
  const rename = useMutation({
    mutationFn: () => apiFetch(`/projects/${projectId}`, ZProject, { method: "PATCH", body: { name } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["projects", projectId], updated);
      toast({ title: "Project renamed", variant: "success" });
      router.refresh();
    },
  });

  if (project.isPending) return <Skeleton className="h-48" />;
  if (project.isError) return <ErrorState message={project.error.message} onRetry={() => void project.refetch()} />;
  const isOwner = project.data.role === "owner";
  return (
    <Card>
      <CardHeader title="Project" description="The project id appears in SDK URLs: /projects/{projectId}/sdk/…" />
      <CardBody className="flex flex-col gap-5">
        <div>
          <p className="text-sm font-medium">Project id</p>
          <div className="mt-1.5 flex items-center gap-2">
            <code className="rounded bg-neutral-100 px-2 py-1 font-mono text-sm" data-testid="project-id">
              {project.data.id}
            </code>
            <CopyButton value={project.data.id} iconOnly label="Copy project id" />
          </div>
        </div>
        <form
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate();
          }}
        >
          <Field
            id="rename-project"
            label="Name"
            className="flex-1"
            hint={isOwner ? undefined : "Only owners can rename the project."}
            error={rename.error instanceof ApiError ? rename.error.message : undefined}
          >
            <Input value={name} onChange={(event) => setName(event.target.value)} disabled={!isOwner} maxLength={100} />
          </Field>
          <Button type="submit" variant="secondary" loading={rename.isPending} disabled={!isOwner || name.trim() === "" || name === project.data.name}>
            Save
          </Button>
        </form>
        <ProjectTimeZoneForm project={project.data} isOwner={isOwner} />
      </CardBody>
    </Card>
  );
}

/** The zone of the project's schedules that name none; the server reads it when such a schedule is deployed. */
function ProjectTimeZoneForm({ project, isOwner }: { project: TProject; isOwner: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [zone, setZone] = useState(project.timezone);
  const [saved, setSaved] = useState(project.timezone);
  // Follow the server's value when it changes from elsewhere (another tab, a refetch).
  if (project.timezone !== saved) {
    setSaved(project.timezone);
    setZone(project.timezone);
  }
  const save = useMutation({
    mutationFn: () => apiFetch(`/projects/${project.id}`, ZProject, { method: "PATCH", body: { timezone: zone } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["projects", project.id], updated);
      toast({ title: "Time zone saved", description: `Schedules that name no zone use ${updated.timezone} from their next deploy.`, variant: "success" });
    },
  });
  const fieldError = save.error instanceof ApiError ? timezoneErrorOf(save.error) : undefined;
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Field
        id="project-timezone"
        label="Time zone"
        className="flex-1"
        hint={
          <>
            Schedules that name no time zone use this one, from their next deploy; a deployed schedule keeps the zone it was deployed with until then.
            {!isOwner && " Only owners can change it."}
          </>
        }
        error={fieldError}
      >
        <TimeZoneCombobox value={zone} onChange={setZone} disabled={!isOwner} />
      </Field>
      <Button type="submit" variant="secondary" className="sm:mt-6.5" loading={save.isPending} disabled={!isOwner || zone === project.timezone}>
        Save
      </Button>
    </form>
  );
}

/** The message for the timezone field from a 422's details, else the error's own message. */
function timezoneErrorOf(error: ApiError): string {
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : [];
  const field = details.find((detail) => detail.path === "timezone");
  return typeof field?.message === "string" ? field.message : error.message;
}

type TZoneOption = { zone: string; offset: string; search: string };

let zoneOptions: TZoneOption[] | null = null;
/** Every IANA zone this browser knows, UTC first, each with its current offset ("GMT+5:30") to search by. */
function allZoneOptions(): TZoneOption[] {
  if (!zoneOptions) {
    const now = new Date();
    zoneOptions = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")].map((zone) => zoneOption(zone, now));
  }
  return zoneOptions;
}

function zoneOption(zone: string, now: Date): TZoneOption {
  let offset = "";
  try {
    offset = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(now).find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    // A zone this browser cannot format still lists, without its offset.
  }
  return { zone, offset, search: `${zone.replaceAll("_", " ")} ${offset}`.toLowerCase() };
}

/** "new york", "berlin", "gmt+5:30": every word must appear in the zone's name or offset. */
function matchZones(options: TZoneOption[], query: string): TZoneOption[] {
  const words = query.toLowerCase().replaceAll("_", " ").split(/\s+/).filter(Boolean);
  return words.length === 0 ? options : options.filter((option) => words.every((word) => option.search.includes(word)));
}

type TComboboxProps = {
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
  // Set by Field.
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
};

/** A text box that filters the zones as you type, with a list to pick from (arrow keys, Enter, Escape). */
function TimeZoneCombobox({ value, onChange, disabled, id = "timezone", ...aria }: TComboboxProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState(false);
  // null until the user types: the box shows the chosen zone and the list shows every zone.
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const options = useMemo(() => {
    if (!open) return [];
    const all = allZoneOptions();
    // A zone saved under a name this browser does not list (an alias) stays choosable.
    return all.some((option) => option.zone === value) ? all : [zoneOption(value, new Date()), ...all];
  }, [open, value]);
  const matches = useMemo(() => (query === null ? options : matchZones(options, query)), [options, query]);
  const listId = `${id}-listbox`;

  useEffect(() => {
    if (open) listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [open, active]);

  const openList = () => {
    if (open || disabled) return;
    setOpen(true);
    const index = allZoneOptions().findIndex((option) => option.zone === value);
    setActive(Math.max(index, 0));
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (option: TZoneOption | undefined) => {
    if (option) onChange(option.zone);
    close();
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return openList();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), matches.length - 1));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        {...aria}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={query ?? value}
        placeholder="Search zones, e.g. Berlin or GMT+2"
        className={cn(controlClasses, "h-9 py-1.5 pr-9")}
        onFocus={(event) => {
          event.target.select();
          openList();
        }}
        onClick={openList}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <ChevronsUpDown aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-neutral-400" />
      {open && (
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label="Time zones"
          className="absolute top-full left-0 z-50 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-neutral-200 bg-white py-1 text-sm shadow-lg"
        >
          {matches.length === 0 ? (
            <li className="px-3 py-2 text-neutral-500">No time zone matches “{query}”.</li>
          ) : (
            matches.map((option, index) => (
              <li
                key={option.zone}
                id={`${listId}-${index}`}
                data-index={index}
                role="option"
                aria-selected={index === active}
                className={cn(
                  "flex cursor-pointer items-center gap-2 py-1.5 pr-3 pl-2",
                  index === active ? "bg-accent-50 text-accent-900" : "text-neutral-800",
                  option.zone === value && "font-medium",
                )}
                // Keep focus in the box, so choosing does not blur (and close) it first.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => choose(option)}
              >
                <Check aria-hidden className={cn("size-4 shrink-0 text-accent-700", option.zone !== value && "invisible")} />
                <span className="min-w-0 flex-1 break-all">
                  {option.zone}
                  {option.zone === value && <span className="sr-only"> (current)</span>}
                </span>
                <span className="shrink-0 text-xs text-neutral-500 tabular-nums">{option.offset}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
