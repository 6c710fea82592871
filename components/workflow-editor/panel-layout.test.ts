import { describe, expect, it } from "vitest";
import { clampPanelWidth, maxPanelWidth, PANEL_DEFAULT_WIDTH, PANEL_MIN_WIDTH, parsePanelLayout } from "./panel-layout";

describe("panel layout", () => {
  it("keeps the panel between the minimum and 60% of the window", () => {
    expect(clampPanelWidth(100, 1440)).toBe(PANEL_MIN_WIDTH);
    expect(clampPanelWidth(2000, 1440)).toBe(864);
    expect(clampPanelWidth(500.4, 1440)).toBe(500);
    expect(maxPanelWidth(1024)).toBe(614);
  });
  it("never lets the maximum fall below the minimum on a narrow window", () => {
    expect(maxPanelWidth(400)).toBe(PANEL_MIN_WIDTH);
    expect(clampPanelWidth(900, 400)).toBe(PANEL_MIN_WIDTH);
  });
  it("reads what was stored, and treats anything malformed as nothing stored", () => {
    expect(parsePanelLayout(JSON.stringify({ width: 520, collapsed: true }))).toEqual({ width: 520, collapsed: true });
    expect(parsePanelLayout("not json")).toEqual({ width: PANEL_DEFAULT_WIDTH, collapsed: false });
    expect(parsePanelLayout(JSON.stringify({ width: "wide", collapsed: "yes" }))).toEqual({ width: PANEL_DEFAULT_WIDTH, collapsed: false });
    expect(parsePanelLayout(null)).toEqual({ width: PANEL_DEFAULT_WIDTH, collapsed: false });
    expect(parsePanelLayout("null")).toEqual({ width: PANEL_DEFAULT_WIDTH, collapsed: false });
  });
});
