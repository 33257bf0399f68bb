import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { chromiumPath } from './browser.js';

/** What the IME test needs, and the Debian package that brings it. */
const NEEDS: [path: string, pkg: string][] = [
  ['/usr/bin/Xvfb', 'xvfb'],
  ['/usr/bin/dbus-daemon', 'dbus-daemon'],
  ['/usr/bin/ibus-daemon', 'ibus'],
  ['/usr/bin/gsettings', 'libglib2.0-bin'],
  // gsettings writes through dconf, so the hangul engine (another process) sees the input mode.
  ['/usr/libexec/dconf-service', 'dconf-service'],
  ['/usr/libexec/ibus-engine-hangul', 'ibus-hangul'],
  ['/usr/lib/x86_64-linux-gnu/gtk-3.0/3.0.0/immodules/im-ibus.so', 'ibus-gtk3'],
  ['/usr/bin/xdotool', 'xdotool'],
];

/** Throws, naming the Debian packages to install, when a part of the desktop is missing. */
export function requireImeDesktop(): void {
  const missing = [...new Set(NEEDS.filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg))];
  if (missing.length > 0) {
    throw new Error(
      `the IME test needs a virtual X desktop with IBus and ibus-hangul: missing Debian packages ${missing.join(' ')} (sudo apt-get install ${missing.join(' ')}; .ci/run installs them)`,
    );
  }
}

/** ibus-hangul's two input modes: 한글 (keys compose jamo) and Latin. */
export type HangulMode = 'hangul' | 'latin';

/**
 * A throw-away X desktop: Xvfb on a free display, a private D-Bus session,
 * and an IBus daemon whose engine is ibus-hangul. A headed Chromium opened
 * here gets its keys through IBus (GTK_IM_MODULE=ibus), as at a Korean
 * counter; xdotool plays the keyboard-wedge scanner.
 */
export class ImeDesktop {
  private constructor(
    private readonly xvfb: ChildProcess,
    private readonly env: Record<string, string>,
    private readonly busPid: number,
  ) {}

  static async start(): Promise<ImeDesktop> {
    requireImeDesktop();
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const display = await new Promise<string>((resolve, reject) => {
      let out = '';
      xvfb.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(`:${out.trim()}`);
      });
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before giving a display`)));
    });
    const bus = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
      encoding: 'utf8',
    }).split('\n');
    const env = {
      ...(process.env as Record<string, string>),
      DISPLAY: display,
      DBUS_SESSION_BUS_ADDRESS: bus[0]!.trim(),
      GTK_IM_MODULE: 'ibus',
      XMODIFIERS: '@im=ibus',
      // A fresh IBus address per desktop, not the one in the user's home.
      IBUS_ADDRESS_FILE: join(mkdtempSync(join(tmpdir(), 'pos-ibus-')), 'address'),
    };
    return new ImeDesktop(xvfb, env, Number(bus[1]));
  }

  /** (Re)starts IBus with ibus-hangul in the given input mode. */
  async ibus(mode: HangulMode): Promise<void> {
    execFileSync('gsettings', ['set', 'org.freedesktop.ibus.engine.hangul', 'initial-input-mode', mode], { env: this.env });
    execFileSync('ibus-daemon', ['--daemonize', '--replace', '--panel=disable'], { env: this.env });
    await this.until(() => this.tryRun('ibus', ['engine', 'hangul']) !== null, 'IBus to start with ibus-hangul');
  }

  /** A headed Chromium on this desktop, with a throw-away profile. */
  async chromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
    const profile = mkdtempSync(join(tmpdir(), 'pos-chromium-ime-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      env: this.env,
      headless: false,
      viewport: { width: 1200, height: 760 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--ozone-platform=x11'],
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }

  /** Gives the X keyboard focus to the page's window and switches IBus to ibus-hangul. */
  async focus(page: Page): Promise<void> {
    await page.bringToFront();
    const windows = this.run('xdotool', ['search', '--sync', '--onlyvisible', '--class', 'chromium']).trim().split('\n');
    this.run('xdotool', ['windowfocus', '--sync', windows.at(-1)!]);
    this.run('ibus', ['engine', 'hangul']);
    await this.until(() => this.tryRun('ibus', ['engine'])?.trim() === 'hangul', 'ibus-hangul to be the engine');
  }

  /** Types text at `delayMs` per key, then Return (a scanner's CR suffix), in one xdotool run. */
  type(text: string, delayMs: number, suffix = true): void {
    const script = `type --delay ${delayMs} ${text}\n${suffix ? `key --delay ${delayMs} Return\n` : ''}`;
    execFileSync('xdotool', ['-'], { env: this.env, input: script });
  }

  async stop(): Promise<void> {
    this.tryRun('ibus', ['exit']);
    try {
      process.kill(this.busPid);
    } catch {
      // already gone
    }
    this.xvfb.kill();
    rmSync(join(this.env.IBUS_ADDRESS_FILE!, '..'), { recursive: true, force: true });
  }

  private run(cmd: string, args: string[]): string {
    return execFileSync(cmd, args, { env: this.env, encoding: 'utf8' });
  }

  private tryRun(cmd: string, args: string[]): string | null {
    try {
      return execFileSync(cmd, args, { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
  }

  private async until(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
