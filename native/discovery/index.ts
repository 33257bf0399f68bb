// Device discovery: serial ports and HID devices, known vendors, suggested configuration.
export { discoverDevices } from './discover-devices.js';
export type { DeviceSuggestion, DiscoveryResult } from './discover-devices.js';
export { KNOWN_VENDORS, knownVendor, usbId } from './known-vendors.js';
export type { KnownVendor } from './known-vendors.js';
export { findExecutable, systemProbes } from './probes.js';
export type { DiscoveryProbes, HidDeviceEntry, SerialPortEntry } from './probes.js';
