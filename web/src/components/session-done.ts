// The end of a guided session: whether it was saved (finished, or stopped
// with the reason), how many holds were done, what comes tomorrow and the
// links on; or why it could not be saved. Shown first once the session
// ends, with the focus on its heading.
import { h } from '../dom';
import { t } from '../i18n';
import { errorText } from '../pages/common';

export class SessionDone {
  /** The section, hidden until the session ends. */
  readonly el: HTMLElement;

  constructor() {
    this.el = h('section', { hidden: true, class: 'done' });
  }

  /** saved says the session is saved: stopped is why it ended early (absent when finished), holds how many were done. */
  saved(stopped: string | undefined, holds: number): void {
    this.el.replaceChildren(
      h('h2', { tabindex: '-1' }, stopped ? t('session.stoppedSaved') : t('session.saved')),
      h('p', { class: 'lead' }, stopped || t('session.didHolds', { count: holds })),
      h('p', {}, t('session.tomorrow')),
      h('p', { class: 'actions' }, h('a', { href: '/history', class: 'button primary' }, t('session.seeHistory')), h('a', { href: '/checkin', class: 'button' }, t('route.checkin.title'))),
    );
  }

  /** failed says the session could not be saved, and why. */
  failed(err: unknown): void {
    this.el.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('session.saveFailed', { error: errorText(err) })));
  }

  /** showBefore puts the outcome in front of anchor, shows it and moves the focus to its heading. */
  showBefore(anchor: HTMLElement): void {
    anchor.before(this.el);
    this.el.hidden = false;
    this.el.querySelector<HTMLElement>('h2')?.focus();
  }
}
