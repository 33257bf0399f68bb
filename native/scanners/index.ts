// Scanner drivers: serial/USB-CDC, USB HID POS, and the virtual scan box.
export { SerialScanner, serialScannerConfigSchema } from './serial-scanner.js';
export type { SerialScannerConfig } from './serial-scanner.js';
export { HidScanner, hidScannerConfigSchema, nodeHidOpener } from './hid-scanner.js';
export type { HidDeviceLike, HidScannerConfig, OpenHidDevice } from './hid-scanner.js';
export {
  HID_POS_SCAN_REPORT_ID,
  HID_POS_USAGE_PAGE,
  HidPosAssembler,
  HidReportError,
  decodeHidPosReport,
} from './hid-pos-report.js';
export type { AssembledScan, HidPosReport, ReportIdMode } from './hid-pos-report.js';
export { VirtualScanner } from './virtual-scanner.js';
export { ScanFramer } from './scan-framer.js';
export type { FramerOutput, Terminator } from './scan-framer.js';
export { SerialLink, serialSettingsSchema } from './serial-link.js';
export type { SerialLinkEventMap, SerialLinkOptions, SerialSettings } from './serial-link.js';
export {
  defaultReconnectPolicy,
  reconnectDelay,
  reconnectPolicySchema,
} from './reconnect-policy.js';
export type { ReconnectPolicy } from './reconnect-policy.js';
export { HID_POS_LAYOUTS, HONEYWELL_LAYOUT, NEWLAND_LAYOUT, layoutForVendor } from './hid-pos-layout.js';
export type { HidPosLayout } from './hid-pos-layout.js';
export { layoutFromDescriptor, readHidrawDescriptor } from './hid-report-descriptor.js';
