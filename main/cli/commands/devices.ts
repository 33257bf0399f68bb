import { discoverDevices, systemProbes, usbId } from '../../../native/discovery/index.js';
import type { DiscoveryResult } from '../../../native/discovery/index.js';
import type { CommandIo, PosCommand } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';

const ids = (vendorId?: number, productId?: number): string =>
  vendorId === undefined
    ? ''
    : `${usbId(vendorId)}:${productId === undefined ? '????' : usbId(productId)}`;

function formatDiscovery(result: DiscoveryResult): string {
  const lines = [
    `Serial ports (${result.serialListing === 'udevadm' ? 'via udevadm' : 'scanned in /dev'}):`,
  ];
  for (const p of result.serialPorts)
    lines.push(
      `  ${p.path}  ${[p.vendor, ids(p.vendorId, p.productId)].filter(Boolean).join(' ')}`.trimEnd(),
    );
  if (result.serialPorts.length === 0) lines.push('  (none)');
  lines.push('HID devices:');
  for (const d of result.hidDevices) {
    const page =
      d.usagePage === undefined ? '' : `usage page 0x${d.usagePage.toString(16).padStart(4, '0')}`;
    lines.push(
      `  ${d.path ?? '(no path)'}  ${[d.vendor, ids(d.vendorId, d.productId), d.product, page].filter(Boolean).join('  ')}`,
    );
  }
  if (result.hidDevices.length === 0) lines.push('  (none)');
  lines.push('Suggested configuration:');
  for (const s of result.suggestions) {
    const where = [s.path, s.baudRate ? `${s.baudRate} 8N1` : undefined].filter(Boolean).join(' ');
    lines.push(`  ${s.kind}  ${s.driver}  ${where}`.trimEnd(), `      ${s.reason}`);
  }
  if (result.suggestions.length === 0) lines.push('  (nothing recognised)');
  if (result.notes.length > 0) lines.push('Notes:', ...result.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}

async function devices(args: string[], io: CommandIo): Promise<number> {
  const {
    values: { json },
  } = parseCliArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const result = await discoverDevices(systemProbes());
  io.out(json ? JSON.stringify(result, null, 2) : formatDiscovery(result));
  return 0;
}

export const devicesCommand: PosCommand = {
  name: 'devices',
  summary:
    'list serial ports and HID devices, name known scanner and printer makers, suggest a configuration',
  usage: 'devices [--json]',
  run: devices,
};
