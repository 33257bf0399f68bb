import { type Server, type Socket, createServer } from 'node:net';
import { VirtualPrinterDevice, type VirtualPrinterOptions } from './virtual-printer-device.js';

/**
 * The virtual printer on TCP, a stand-in for a network printer's port 9100.
 * Tests (and a developer without hardware) point a TcpTransport at it; it
 * answers DLE EOT status and can be switched off, opened, run out of paper,
 * or made to drop the connection after a number of bytes (a pulled cable).
 */
export class VirtualTcpPrinter {
  readonly device: VirtualPrinterDevice;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private listeningPort = 0;
  private dropAfter: number | undefined;
  private answersStatus = true;

  constructor(options: VirtualPrinterOptions = {}) {
    this.device = new VirtualPrinterDevice(options);
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one); resolves with the port. */
  async start(port = 0): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.listeningPort = typeof address === 'object' && address ? address.port : port;
    this.server = server;
    return this.listeningPort;
  }

  /** Power off: connections are cut and new ones refused until `powerOn`. */
  async powerOff(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) {
      // Tear now, not on the asynchronous 'close': the paper stops the moment the power does.
      this.device.disconnect(socket);
      socket.destroy();
    }
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Power on again, on the same port. */
  async powerOn(): Promise<void> {
    if (!this.server) await this.start(this.listeningPort);
  }

  /** After `bytes` more bytes arrive on a connection, the cable is pulled: the printer goes off. */
  pullCableAfter(bytes: number): void {
    this.dropAfter = bytes;
  }

  /**
   * `false`: a print server (or a TX-only cable) in front of the printer: the bytes print, but
   * DLE EOT answers never come back.
   */
  setAnswersStatus(answers: boolean): void {
    this.answersStatus = answers;
  }

  setPaperOut(out: boolean): void {
    this.device.status.paperEnd = out;
  }

  setPaperNearEnd(nearEnd: boolean): void {
    this.device.status.paperNearEnd = nearEnd;
  }

  setCoverOpen(open: boolean): void {
    this.device.status.coverOpen = open;
  }

  async stop(): Promise<void> {
    await this.powerOff();
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    this.device.connect(socket);
    socket.on('data', (chunk: Buffer) => {
      if (this.dropAfter !== undefined) {
        if (chunk.length >= this.dropAfter) {
          this.device.receive(socket, chunk.subarray(0, this.dropAfter));
          this.dropAfter = undefined;
          void this.powerOff();
          return;
        }
        this.dropAfter -= chunk.length;
      }
      try {
        const reply = this.device.receive(socket, chunk);
        if (reply.length > 0 && this.answersStatus) socket.write(reply);
      } catch {
        // Bytes no printer understands: a real one prints garbage or stops; this one hangs up.
        socket.destroy();
      }
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.device.disconnect(socket);
    });
    socket.on('error', () => undefined);
  }
}
