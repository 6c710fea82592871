"use client";

import { PanelRightClose, PanelRightOpen } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { clampPanelWidth, maxPanelWidth, PANEL_DEFAULT_WIDTH, PANEL_MIN_WIDTH, type TPanelLayout } from "./panel-layout";

const KEY_STEP = 24;

function useViewportWidth(): number {
  const [width, setWidth] = useState(() => (typeof window === "undefined" ? 1440 : window.innerWidth));
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  return width;
}

type TResizablePanelProps = {
  label: string;
  /** Shown on the collapsed rail. */
  title: string;
  layout: TPanelLayout;
  onLayoutChange: (layout: TPanelLayout) => void;
  children: React.ReactNode;
};

/**
 * The editor's right-hand panel. Its left edge drags (or takes ←/→ when focused; double-click resets) to resize
 * it; collapsed, it is a rail with the step's name and a button to expand it, and the canvas takes the room.
 */
export function ResizablePanel({ label, title, layout, onLayoutChange, children }: TResizablePanelProps) {
  const viewport = useViewportWidth();
  const [dragWidth, setDragWidth] = useState<number | null>(null);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const width = clampPanelWidth(dragWidth ?? layout.width, viewport);

  if (layout.collapsed) {
    return (
      <aside aria-label={label} className="nokey flex w-11 shrink-0 flex-col items-center gap-3 border-l border-neutral-200 bg-white py-2">
        <Button variant="ghost" size="sm" aria-label="Expand the panel" title="Expand the panel" onClick={() => onLayoutChange({ ...layout, collapsed: false })}>
          <PanelRightOpen aria-hidden />
        </Button>
        <span className="max-h-64 truncate text-xs font-medium text-neutral-700 [writing-mode:vertical-rl]">{title}</span>
      </aside>
    );
  }

  const commit = (next: number) => onLayoutChange({ ...layout, width: clampPanelWidth(next, viewport) });
  return (
    <aside aria-label={label} style={{ width }} className="nokey relative flex shrink-0 flex-col overflow-hidden border-l border-neutral-200 bg-white">
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the panel"
        aria-valuemin={PANEL_MIN_WIDTH}
        aria-valuemax={maxPanelWidth(viewport)}
        aria-valuenow={width}
        tabIndex={0}
        title="Drag to resize; double-click for the default width"
        className="absolute inset-y-0 left-0 z-10 w-1.5 cursor-col-resize touch-none transition-colors outline-none hover:bg-accent-300 focus-visible:bg-accent-500"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { startX: event.clientX, startWidth: width };
        }}
        onPointerMove={(event) => {
          if (!drag.current) return;
          setDragWidth(drag.current.startWidth + drag.current.startX - event.clientX);
        }}
        onPointerUp={(event) => {
          if (!drag.current) return;
          commit(drag.current.startWidth + drag.current.startX - event.clientX);
          drag.current = null;
          setDragWidth(null);
        }}
        onPointerCancel={() => {
          drag.current = null;
          setDragWidth(null);
        }}
        onDoubleClick={() => commit(PANEL_DEFAULT_WIDTH)}
        onKeyDown={(event) => {
          // The panel sits on the right, so ← widens it and → narrows it.
          if (event.key === "ArrowLeft") commit(width + KEY_STEP);
          else if (event.key === "ArrowRight") commit(width - KEY_STEP);
          else if (event.key === "Home") commit(PANEL_MIN_WIDTH);
          else if (event.key === "End") commit(maxPanelWidth(viewport));
          else return;
          event.preventDefault();
        }}
      />
      {children}
    </aside>
  );
}

export function CollapsePanelButton({ layout, onLayoutChange }: { layout: TPanelLayout; onLayoutChange: (layout: TPanelLayout) => void }) {
  return (
    <Button variant="ghost" size="sm" aria-label="Collapse the panel" title="Collapse the panel" onClick={() => onLayoutChange({ ...layout, collapsed: true })}>
      <PanelRightClose aria-hidden />
    </Button>
  );
}
