"use client";

// The editor's side panel: its width (dragged or set with the arrow keys) and whether it is collapsed to a rail,
// remembered in this browser for every workflow.
import { useCallback, useState } from "react";

export const PANEL_MIN_WIDTH = 320;
export const PANEL_DEFAULT_WIDTH = 416;
const PANEL_MAX_WIDTH = 960;
const STORAGE_KEY = "switchyard-editor-panel";

export type TPanelLayout = { width: number; collapsed: boolean };

/** The widest the panel may be: 60% of the window, so the canvas keeps room, and never under the minimum. */
export function maxPanelWidth(viewportWidth: number): number {
  return Math.max(PANEL_MIN_WIDTH, Math.min(PANEL_MAX_WIDTH, Math.round(viewportWidth * 0.6)));
}

export function clampPanelWidth(width: number, viewportWidth: number): number {
  if (!Number.isFinite(width)) return Math.min(PANEL_DEFAULT_WIDTH, maxPanelWidth(viewportWidth));
  return Math.min(maxPanelWidth(viewportWidth), Math.max(PANEL_MIN_WIDTH, Math.round(width)));
}

/** What was stored, or the default; anything malformed counts as nothing stored. */
export function parsePanelLayout(stored: string | null): TPanelLayout {
  const fallback = { width: PANEL_DEFAULT_WIDTH, collapsed: false };
  if (!stored) return fallback;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== "object" || value === null) return fallback;
    const { width, collapsed } = value as Record<string, unknown>;
    return { width: typeof width === "number" && Number.isFinite(width) ? width : PANEL_DEFAULT_WIDTH, collapsed: collapsed === true };
  } catch {
    return fallback;
  }
}

function readStored(): TPanelLayout {
  try {
    return parsePanelLayout(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return parsePanelLayout(null);
  }
}

export function usePanelLayout() {
  // The panel only renders after a click on a node, so reading storage in the initial state cannot mismatch the server's HTML.
  const [layout, setLayout] = useState<TPanelLayout>(() => (typeof window === "undefined" ? parsePanelLayout(null) : readStored()));
  const change = useCallback((next: TPanelLayout) => {
    setLayout(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage may be full or blocked; the layout still applies for this page.
    }
  }, []);
  return [layout, change] as const;
}
