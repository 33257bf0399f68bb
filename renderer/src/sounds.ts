import approvedUrl from '../../assets/sounds/approved.wav';
import declinedUrl from '../../assets/sounds/declined.wav';
import scanUrl from '../../assets/sounds/scan.wav';

export type SoundName = 'scan' | 'approved' | 'declined';

const URLS: Record<SoundName, string> = { scan: scanUrl, approved: approvedUrl, declined: declinedUrl };
const players = new Map<SoundName, HTMLAudioElement>();
let muted = false;

/** Follows the settings' mute switch. */
export function setMuted(value: boolean): void {
  muted = value;
}

/**
 * Plays a short sound without waiting for it: the cashier's next key is never
 * held up by audio, and a browser that refuses to play (no user gesture yet)
 * only stays silent.
 */
export function playSound(name: SoundName): void {
  if (muted) return;
  let player = players.get(name);
  if (!player) {
    player = new Audio(URLS[name]);
    player.preload = 'auto';
    players.set(name, player);
  }
  player.currentTime = 0;
  void player.play().catch(() => undefined);
}
