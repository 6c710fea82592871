import { describe, expect, it } from "vitest";
import { canvasInsets, MINIMAP_SIZE, PALETTE_WIDTH, PANEL_MARGIN, revealOffset } from "./canvas-insets";

const wide = { width: 1000, height: 700 };

describe("canvasInsets", () => {
  it("keeps the palette's column and the minimap's row clear", () => {
    const insets = canvasInsets({ ...wide, palette: true, minimap: true });
    expect(insets.left).toBeGreaterThan(PANEL_MARGIN + PALETTE_WIDTH);
    expect(insets.bottom).toBeGreaterThan(PANEL_MARGIN + MINIMAP_SIZE.height);
  });

  it("gives the room back when the palette (read-only) or the minimap is hidden", () => {
    const shown = canvasInsets({ ...wide, palette: true, minimap: true });
    const hidden = canvasInsets({ ...wide, palette: false, minimap: false });
    expect(hidden.left).toBeLessThan(shown.left);
    expect(hidden.bottom).toBeLessThan(shown.bottom);
  });

  it("gives up at most a third or so of a narrow canvas", () => {
    const insets = canvasInsets({ width: 280, height: 200, palette: true, minimap: true });
    expect(insets.left).toBe(98);
    expect(insets.bottom).toBe(70);
  });
});

describe("revealOffset", () => {
  const insets = { top: 16, right: 16, bottom: 100, left: 160 };

  it("does not move a node already in the free area", () => {
    expect(revealOffset({ x: 300, y: 100, width: 272, height: 84 }, wide, insets)).toEqual({ dx: 0, dy: 0 });
  });

  it("moves a node under the palette just clear of it", () => {
    expect(revealOffset({ x: 40, y: 100, width: 272, height: 84 }, wide, insets)).toEqual({ dx: 120, dy: 0 });
  });

  it("moves a node past the right edge or under the minimap's row back by the overlap", () => {
    expect(revealOffset({ x: 900, y: 580, width: 272, height: 84 }, wide, insets)).toEqual({ dx: -188, dy: -64 });
  });

  it("aligns a node wider than the free area to its left edge", () => {
    expect(revealOffset({ x: 500, y: 100, width: 272, height: 84 }, { width: 400, height: 700 }, insets)).toEqual({ dx: -340, dy: 0 });
  });
});
