// Spoken cues with the Web Speech API, and the mute toggle. The person is
// on the floor, often not looking at the screen: every cue that is shown
// is also said, once, unless muted. The choice is kept on this device.
import { h } from '../dom';
import { t } from '../i18n';

const KEY = 'stretchwise.muted';

export class Speech {
  private muted: boolean;
  readonly toggle: HTMLButtonElement;

  constructor() {
    this.muted = localStorage.getItem(KEY) === '1';
    this.toggle = h('button', { type: 'button', class: 'mute', 'aria-pressed': String(this.muted) }, t('cue.muteSpokenCues'));
    this.toggle.addEventListener('click', () => this.setMuted(!this.muted));
  }

  get isMuted(): boolean {
    return this.muted;
  }

  setMuted(m: boolean): void {
    this.muted = m;
    localStorage.setItem(KEY, m ? '1' : '0');
    this.toggle.setAttribute('aria-pressed', String(m));
    if (m) window.speechSynthesis?.cancel();
  }

  /** say speaks text now, replacing whatever was being said. */
  say(text: string): void {
    if (this.muted || !text || !('speechSynthesis' in window)) return;
    const u = new SpeechSynthesisUtterance(text);
    u.rate = 0.95; // a touch slower than default: calm, and heard from across a room
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(u);
  }

  stop(): void {
    window.speechSynthesis?.cancel();
  }
}
