export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of Electron's `Display` placement needs. */
export interface DisplayLike {
  id: number;
  bounds: Rect;
}

export type Placement =
  { fullscreen: true; displayId: number; bounds: Rect } | { fullscreen: false; bounds: Rect };

export const WINDOWED_DISPLAY_SIZE = { width: 800, height: 600 } as const;

/**
 * Where the customer display goes: full-screen on the first display that is
 * not the cashier's (the customer-facing monitor); with one display, a
 * movable window in the top-right corner of it so it does not cover the till.
 */
export function placeCustomerDisplay(
  displays: readonly DisplayLike[],
  primaryId: number,
): Placement {
  const second = displays.find((display) => display.id !== primaryId);
  if (second) return { fullscreen: true, displayId: second.id, bounds: { ...second.bounds } };
  const primary = displays.find((display) => display.id === primaryId) ?? displays[0];
  const area = primary?.bounds ?? { x: 0, y: 0, ...WINDOWED_DISPLAY_SIZE };
  const width = Math.min(WINDOWED_DISPLAY_SIZE.width, area.width);
  const height = Math.min(WINDOWED_DISPLAY_SIZE.height, area.height);
  return {
    fullscreen: false,
    bounds: { x: area.x + area.width - width, y: area.y, width, height },
  };
}
