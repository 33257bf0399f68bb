/**
 * Where the fields of a HID POS scanned-data report sit, as byte offsets with
 * the report-id byte at 0 (the numbering scanner manuals print). Vendors
 * disagree: Honeywell, Intermec and Access-IS put a 3-byte AIM id before the
 * data, Newland, Unitech and QUIO put the data right after the length and a
 * code id near the end (issue 16: every Newland scan failed under the first
 * layout). The device's report descriptor says which; these two are the
 * fallback when the platform does not give it.
 */
export interface HidPosLayout {
  name: string;
  /** Report size including the report-id byte. */
  reportBytes: number;
  /** Data length of this report; absent when the scanner zero-pads without one. */
  lengthAt?: number;
  /** Three bytes of AIM symbology identifier (`]Q0`). */
  aimAt?: number;
  dataAt: number;
  dataBytes: number;
  /** The vendor's own symbology code (Honeywell's 's' for QR, Newland's 'Q'). */
  symbologyAt?: number;
  /** Byte and bit mask of "decode data continued": more reports follow. */
  moreAt: number;
  moreMask: number;
}

/** Honeywell / Intermec / Access-IS (Access-IS LSR118 manual, appendix B). */
export const HONEYWELL_LAYOUT: HidPosLayout = {
  name: 'honeywell',
  reportBytes: 64,
  lengthAt: 1,
  aimAt: 2,
  dataAt: 5,
  dataBytes: 56,
  symbologyAt: 61,
  moreAt: 63,
  moreMask: 0x01,
};

/** Newland (FM430), Unitech (MS842N), QUIO: data at bytes 2-57, symbology at 62, continuation at 63. */
export const NEWLAND_LAYOUT: HidPosLayout = {
  name: 'newland',
  reportBytes: 64,
  lengthAt: 1,
  dataAt: 2,
  dataBytes: 56,
  symbologyAt: 62,
  moreAt: 63,
  moreMask: 0x01,
};

/** The layouts a configuration may name. */
export const HID_POS_LAYOUTS = { honeywell: HONEYWELL_LAYOUT, newland: NEWLAND_LAYOUT } as const;

// USB vendor ids of the makers whose manuals print the second layout. Only Newland's id is
// known here; Unitech and QUIO scanners are configured with `layout: "newland"`, or are read
// from their report descriptor.
const NEWLAND_LAYOUT_VENDORS = new Set([0x1eab]);

/** The fallback layout for a USB vendor id (the Honeywell layout when the vendor is not known). */
export function layoutForVendor(vendorId: number | undefined): HidPosLayout {
  return vendorId !== undefined && NEWLAND_LAYOUT_VENDORS.has(vendorId)
    ? NEWLAND_LAYOUT
    : HONEYWELL_LAYOUT;
}
