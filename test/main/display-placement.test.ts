import { describe, expect, it } from 'vitest';
import { placeCustomerDisplay } from '../../main/electron/display-placement.js';

const primary = { id: 10, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
const pole = { id: 11, bounds: { x: -800, y: 0, width: 800, height: 480 } };

describe('placeCustomerDisplay', () => {
  it("fills the display that is not the cashier's, wherever it is", () => {
    expect(placeCustomerDisplay([primary, pole], 10)).toEqual({
      fullscreen: true,
      displayId: 11,
      bounds: pole.bounds,
    });
    expect(placeCustomerDisplay([pole, primary], 10)).toMatchObject({ displayId: 11 });
  });

  it('uses a window in the top-right corner of a single display', () => {
    expect(placeCustomerDisplay([primary], 10)).toEqual({
      fullscreen: false,
      bounds: { x: 566, y: 0, width: 800, height: 600 },
    });
  });

  it('shrinks the window to a small screen', () => {
    const tiny = { id: 1, bounds: { x: 0, y: 0, width: 640, height: 480 } };
    expect(placeCustomerDisplay([tiny], 1)).toEqual({
      fullscreen: false,
      bounds: { x: 0, y: 0, width: 640, height: 480 },
    });
  });
});
