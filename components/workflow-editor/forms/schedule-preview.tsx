"use client";

// The next fire times of the schedule being edited, in its zone, from the same calculator the workers use.
import { useEffect, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { previewFireTimes } from "@/lib/schedules/schedule-times";
import { isValidTimeZone, ZSchedule, type TSchedule } from "@/lib/schemas/workflow";
import { formatInZone } from "../schedule-format";

const COUNT = 10;
/** The list moves on when its first time passes; a far one is still checked now and then (timers overflow). */
const MAX_WAIT_MS = 60_000;

const SHIFT_LABELS = { dst_start: "Clocks go forward", dst_end: "Clocks go back" } as const;

export function SchedulePreview({ schedule, timezone, anchor }: {
  schedule: TSchedule;
  timezone: string;
  /** The deploy the intervals count from; null counts from now, as a deploy now would. */
  anchor: string | null;
}) {
  const [now, setNow] = useState(() => new Date());
  const valid = ZSchedule.safeParse(schedule).success && isValidTimeZone(timezone);
  const times = useMemo(
    () => (valid ? previewFireTimes({ schedule, timezone, anchor: anchor ? new Date(anchor) : now, after: now, count: COUNT }) : null),
    [valid, schedule, timezone, anchor, now],
  );

  useEffect(() => {
    const first = times?.[0];
    if (!first) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(500, Date.parse(first.at) - Date.now() + 50));
    const timer = setTimeout(() => setNow(new Date()), wait);
    return () => clearTimeout(timer);
  }, [times]);

  const from = anchor ? `counted from the deploy at ${formatInZone(anchor, timezone).local}` : "counted from now, as a deploy now would";
  return (
    <section aria-labelledby="schedule-preview-heading" className="flex flex-col gap-1.5 rounded-md border border-neutral-200 bg-neutral-50 p-3">
      <h3 id="schedule-preview-heading" className="text-sm font-medium text-neutral-800">
        Next {COUNT} fire times
      </h3>
      <p className="text-xs text-neutral-500">
        In {timezone}, {from}.
      </p>
      {times === null && <p className="text-xs text-neutral-600">Fix the schedule above to see when it fires.</p>}
      {times?.length === 0 && <p className="text-xs text-warning-900">This schedule never fires.</p>}
      {times && times.length > 0 && (
        <ol aria-label="Next fire times" className="flex flex-col gap-1 text-xs">
          {times.map((time) => (
            <li key={time.at} className="flex flex-col gap-0.5">
              <span className="flex flex-wrap items-center gap-2">
                <time dateTime={time.at} className="font-mono text-neutral-900">
                  {time.local}
                </time>
                <span className="font-mono text-neutral-500">UTC{time.utcOffset}</span>
                {time.shift && <Badge variant="warning">{SHIFT_LABELS[time.shift]}</Badge>}
              </span>
              {time.note && <span className="text-warning-900">{time.note}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
