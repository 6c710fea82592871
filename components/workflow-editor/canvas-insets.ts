// The parts of the canvas that floating overlays cover: the step palette down the left, the zoom controls
// bottom left, the overview map bottom right. Fitting and "keep the selected node in view" aim at what is
// left, so no node is placed under an overlay or off an edge.

/** React Flow's <Panel> margin from the canvas edge. */
export const PANEL_MARGIN = 15;
/** The step palette's width (its labels included); the palette sets its own width to this. */
export const PALETTE_WIDTH = 136;
/** The zoom controls' column. */
const CONTROLS_WIDTH = 28;
export const MINIMAP_SIZE = { width: 120, height: 80 };
/** Room kept between a node and an overlay or edge. */
const GAP = 16;
/** On a narrow canvas the overlays cannot all be kept clear: at most this share of each side is given up. */
const MAX_SHARE = 0.35;

export type TInsets = { top: number; right: number; bottom: number; left: number };

export function canvasInsets({ width, height, palette, minimap }: { width: number; height: number; palette: boolean; minimap: boolean }): TInsets {
  const left = PANEL_MARGIN + (palette ? PALETTE_WIDTH : CONTROLS_WIDTH) + GAP;
  const bottom = minimap ? PANEL_MARGIN + MINIMAP_SIZE.height + GAP : GAP;
  return {
    top: GAP,
    right: GAP,
    bottom: Math.min(bottom, Math.round(height * MAX_SHARE)),
    left: Math.min(left, Math.round(width * MAX_SHARE)),
  };
}

export type TBox = { x: number; y: number; width: number; height: number };

/**
 * How far to move the view (in screen pixels) so that `box` lies inside the canvas minus `insets`: the
 * smallest move, so the rest of the diagram stays where the builder left it. A box larger than the free
 * area is aligned to its top left corner.
 */
export function revealOffset(box: TBox, canvas: { width: number; height: number }, insets: TInsets): { dx: number; dy: number } {
  const axis = (start: number, size: number, min: number, max: number) => {
    if (size > max - min || start < min) return min - start;
    if (start + size > max) return max - (start + size);
    return 0;
  };
  return {
    dx: axis(box.x, box.width, insets.left, canvas.width - insets.right),
    dy: axis(box.y, box.height, insets.top, canvas.height - insets.bottom),
  };
}
