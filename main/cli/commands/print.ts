import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  DeviceFileTransport,
  EscPosDecodeError,
  EscPosReceiptEncoder,
  NoAnswerError,
  PngDirectoryImageSource,
  type PrinterTransport,
  SerialTransport,
  TcpTransport,
  TransportError,
  STATUS_REQUESTS,
  WRITE_ONLY_ADVICE,
  decodeEscPos,
  decodedText,
  parseRealTimeStatus,
  printerProfile,
  RenderRefusedError,
  renderReceiptPngInWorker,
  sampleReceipt,
  statusRequest,
  summarizeStatus,
} from '../../../native/printer/index.js';
import { renderWorker } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';

/**
 * `pos print`: the virtual printer on the command line (decode a byte dump
 * to text or PNG), a Korean test receipt, and raw access to a real printer
 * for installation (send bytes, read real-time status).
 */

const CONNECTION = {
  tcp: { type: 'string' },
  serial: { type: 'string' },
  baud: { type: 'string' },
  device: { type: 'string' },
} as const;

const endpointSchema = z.string().regex(/^[^:\s]+(:\d{1,5})?$/, 'expected host or host:port');
const baudSchema = z.coerce
  .number()
  .int()
  .refine(
    (b) => [2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(b),
    'not a standard baud rate',
  );

function transportFrom(values: {
  tcp?: string;
  serial?: string;
  baud?: string;
  device?: string;
}): PrinterTransport {
  const chosen = [values.tcp, values.serial, values.device].filter((v) => v !== undefined);
  if (chosen.length !== 1)
    throw new UsageError('give exactly one of --tcp host[:port], --serial <path>, --device <path>');
  if (values.tcp !== undefined) {
    const endpoint = endpointSchema.safeParse(values.tcp);
    if (!endpoint.success)
      throw new UsageError(`--tcp ${values.tcp}: ${endpoint.error.issues[0]?.message}`);
    const [host, port] = endpoint.data.split(':');
    return new TcpTransport({ host: host!, port: port ? Number(port) : 9100 });
  }
  if (values.serial !== undefined) {
    const baud = baudSchema.safeParse(values.baud ?? 9600);
    if (!baud.success)
      throw new UsageError(`--baud ${values.baud}: ${baud.error.issues[0]?.message}`);
    return new SerialTransport({ path: values.serial, baudRate: baud.data });
  }
  return new DeviceFileTransport(values.device!);
}

function profileFrom(id: string | undefined): ReturnType<typeof printerProfile> {
  try {
    return printerProfile(id ?? 'korean-80');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function render(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    options: { text: { type: 'boolean' }, png: { type: 'string' }, profile: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new UsageError('render takes one file of printer bytes');
  const profile = profileFrom(values.profile);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    io.err(`pos print render: cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  let receipt;
  try {
    receipt = decodeEscPos(bytes, {
      startsInDoubleByte: profile.korean?.startsInDoubleByte ?? false,
      doubleByteFont: profile.korean?.font ?? 'ks-x-1001',
    });
  } catch (err) {
    if (!(err instanceof EscPosDecodeError)) throw err;
    io.err(`pos print render: ${file}: ${err.message}`);
    return 1;
  }
  for (const warning of receipt.warnings) io.err(`warning: ${warning}`);
  if (values.png) {
    // The file may be anything (a render bomb once took 2.7 GB): drawn on a worker within limits.
    let png: Buffer;
    try {
      png = await renderReceiptPngInWorker(receipt, { dotsPerLine: profile.dotsPerLine, columns: profile.columns.fontA }, { entry: renderWorker() });
    } catch (err) {
      if (!(err instanceof RenderRefusedError)) throw err;
      io.err(`pos print render: ${file}: ${err.message}`);
      return 1;
    }
    await writeFile(values.png, png);
    io.err(`wrote ${values.png}`);
  }
  if (values.text || !values.png) io.out(decodedText(receipt, profile.columns.fontA).join('\n'));
  return 0;
}

async function sample(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: {
      out: { type: 'string' },
      profile: { type: 'string' },
      copy: { type: 'boolean' },
      items: { type: 'string' },
    },
  });
  if (!values.out) throw new UsageError('sample needs --out <file.bin>');
  const items = z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .safeParse(values.items ?? 6);
  if (!items.success) throw new UsageError(`--items: ${items.error.issues[0]?.message}`);
  const encoder = new EscPosReceiptEncoder(
    profileFrom(values.profile),
    new PngDirectoryImageSource(),
  );
  const bytes = encoder.encode(sampleReceipt(items.data, { copy: values.copy ?? false }));
  await writeFile(values.out, bytes);
  io.out(`wrote ${bytes.length} bytes to ${values.out}`);
  return 0;
}

async function send(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    options: CONNECTION,
  });
  const [file] = positionals;
  if (!file) throw new UsageError('send takes a file of printer bytes');
  const transport = transportFrom(values);
  const bytes = await readFile(file);
  await transport.open();
  try {
    await transport.write(bytes);
  } finally {
    await transport.close();
  }
  io.out(`sent ${bytes.length} bytes to ${transport.description}`);
  return 0;
}

async function status(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCliArgs({ args, options: CONNECTION });
  const transport = transportFrom(values);
  if (!transport.bidirectional) {
    io.err(`${transport.description} is write-only: no real-time status; use --tcp or --serial`);
    return 1;
  }
  await transport.open();
  try {
    const answers: number[] = [];
    try {
      for (const n of STATUS_REQUESTS)
        answers.push((await transport.request(statusRequest(n), 1, 2000))[0]!);
    } catch (err) {
      if (!(err instanceof NoAnswerError)) throw err;
      // The set-up check is where a one-way printer shows first (issue 16, Deliver 6).
      io.err(`${transport.description}: no answer to DLE EOT within 2000 ms; ${WRITE_ONLY_ADVICE}`);
      return 1;
    }
    const parsed = parseRealTimeStatus(answers[0]!, answers[1]!, answers[2]!);
    io.out(
      JSON.stringify({
        printer: transport.description,
        status: summarizeStatus(parsed),
        ...parsed,
      }),
    );
  } finally {
    await transport.close();
  }
  return 0;
}

/** `pos print render|sample|send|status`. */
export const printCommand: PosCommand = {
  name: 'print',
  summary:
    'decode printer bytes to text/PNG, write a Korean test receipt, send bytes or read status',
  usage:
    'print render <file.bin> [--text] [--png out.png] [--profile korean-80] | print sample --out <file.bin> [--profile id] [--copy] [--items n] | print send <file.bin> (--tcp host[:port] | --serial <path> [--baud 9600] | --device /dev/usb/lp0) | print status (--tcp ... | --serial ...)',
  async run(args, io) {
    const [action, ...rest] = args;
    try {
      switch (action) {
        case 'render':
          return await render(rest, io);
        case 'sample':
          return await sample(rest, io);
        case 'send':
          return await send(rest, io);
        case 'status':
          return await status(rest, io);
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
      }
    } catch (err) {
      if (err instanceof TransportError) {
        io.err(`pos print: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
