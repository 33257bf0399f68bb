import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceFileTransport } from '../../../../native/printer/transports/device-file-transport.js';
import { TransportError } from '../../../../native/printer/transports/transport.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('pos-lp-');

describe('device file transport (/dev/usb/lp0)', () => {
  it('appends every byte to the device, never truncating it', async () => {
    // A regular file stands in for the character device: same open/write calls.
    const path = join(tempDir(), 'lp0');
    writeFileSync(path, Uint8Array.of(0x1b, 0x40));
    const transport = new DeviceFileTransport(path);
    await transport.open();
    const receipt = new Uint8Array(100_000).map((_, i) => i & 0xff);
    await transport.write(receipt);
    await transport.close();
    const written = readFileSync(path);
    expect(written.length).toBe(100_002);
    expect(written.subarray(2).equals(Buffer.from(receipt))).toBe(true);
  });

  it('is write-only, and says which device it cannot open', async () => {
    const transport = new DeviceFileTransport(join(tempDir(), 'missing-dir', 'lp0'));
    expect(transport.bidirectional).toBe(false);
    await expect(transport.open()).rejects.toThrow(TransportError);
    await expect(transport.open()).rejects.toThrow(/missing-dir\/lp0/);
    await expect(transport.request()).rejects.toThrow(/write-only/);
  });
});
