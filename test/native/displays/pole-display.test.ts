import type { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import type { CustomerDisplayView } from '../../../src/devices/customer-display.js';
import type { DeviceStatus } from '../../../src/devices/device-status.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { money } from '../../../src/money/money.js';
import { PoleDisplay } from '../../../native/displays/index.js';
import { closeQuietly, nextEvent, openHost, usePtyPair } from '../../helpers/pty-pair.js';

// Expected bytes, spelled out from the Epson DM-D command reference.
const SETUP = Buffer.from([0x1b, 0x40, 0x1f, 0x01, 0x1f, 0x43, 0x00, 0x0c]); // ESC @, US MD1, US C 0, CLR
const screen = (line1: string, line2: string): Buffer =>
  Buffer.concat([
    Buffer.from([0x1f, 0x24, 1, 1]),
    Buffer.from(line1, 'ascii'),
    Buffer.from([0x1f, 0x24, 1, 2]),
    Buffer.from(line2, 'ascii'),
  ]);

const SALE: CustomerDisplayView = {
  kind: 'sale',
  language: 'ko',
  items: [{ name: '아메리카노', quantity: 3, amount: money(13500) }],
  total: money(15000),
};

/** Collects what the display receives on the host end of the pair. */
class DisplayWire {
  bytes = Buffer.alloc(0);
  constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => (this.bytes = Buffer.concat([this.bytes, chunk])));
  }
  async waitFor(expected: Buffer, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.bytes.length < expected.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(this.bytes.toString('hex')).toBe(expected.toString('hex'));
  }
}

describe('PoleDisplay over a socat pseudo-terminal pair (real serialport bindings)', () => {
  let display: PoleDisplay | undefined;
  let host: SerialPort | undefined;
  const pair = usePtyPair('pole', async () => {
    await display?.stop();
    await closeQuietly(host);
    display = host = undefined;
  });

  async function connected(): Promise<[PoleDisplay, DisplayWire]> {
    host = await openHost(pair().host);
    const wire = new DisplayWire(host);
    display = new PoleDisplay(
      {
        deviceId: 'pole-1',
        path: pair().device,
        reconnect: { initialDelayMs: 20, maxDelayMs: 100, presenceCheckMs: 50 },
      },
      new ManualClock(),
      silentLogger,
    );
    await display.start();
    return [display, wire];
  }

  it('initialises the display, then writes each screen with cursor moves and ASCII text', async () => {
    const [d, wire] = await connected();
    await wire.waitFor(SETUP);
    await d.show(SALE);
    await wire.waitFor(
      Buffer.concat([SETUP, screen('Amerikano x3  13,500', 'TOTAL     KRW 15,000')]),
    );
    expect(d.status()).toMatchObject({
      state: 'connected',
      kind: 'customer-display',
      driver: 'dmd-pole-display',
    });
  });

  it('does not resend a screen that is already shown', async () => {
    const [d, wire] = await connected();
    await d.show(SALE);
    await d.show(SALE);
    await d.show({ kind: 'result', language: 'zh', outcome: 'approved' });
    await wire.waitFor(
      Buffer.concat([
        SETUP,
        screen('Amerikano x3  13,500', 'TOTAL     KRW 15,000'),
        screen('  PAYMENT APPROVED  ', '     THANK YOU      '),
      ]),
    );
  });

  it('keeps the latest screen while unplugged and shows it on the replugged display', async () => {
    const [d, wire] = await connected();
    await d.show(SALE);
    await wire.waitFor(
      Buffer.concat([SETUP, screen('Amerikano x3  13,500', 'TOTAL     KRW 15,000')]),
    );

    const gone = nextEvent<DeviceStatus>(
      (l) => d.on('state', l),
      (s) => s.state === 'disconnected',
    );
    await pair().unplug();
    await gone;
    await d.show({
      kind: 'mpm',
      language: 'en',
      qrPayload: '00020101021226',
      amount: money(15000),
      expiresAt: 0,
    });

    await pair().replug();
    host = await openHost(pair().host); // the display's end, listening before the driver reconnects
    const replugged = new DisplayWire(host);
    await replugged.waitFor(
      Buffer.concat([SETUP, screen('   SCAN QR TO PAY   ', 'TOTAL     KRW 15,000')]),
    );
    expect(d.status().state).toBe('connected');
  });

  it('refuses a view that breaks the contract', async () => {
    const [d] = await connected();
    await expect(
      d.show({ kind: 'sale', language: 'ko', items: [], total: { currency: 'XXX', minor: 1 } }),
    ).rejects.toThrow(/unknown currency/);
  });
});
