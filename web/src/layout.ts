// The page frame every route renders into: a skip link, the header with the
// navigation, the safety banner, the main outlet and the footer.
import { h } from './dom';
import { mountSafetyBanner, onRouteChange } from './components/safety';
import type { Route } from './router';
import { reportIssueButton } from './report-issue/report';
import { t } from './i18n';

export interface Layout {
  outlet: HTMLElement;
  /** setActive marks the current route in the navigation and refreshes the safety banner. */
  setActive: (r: Route) => void;
}

export function mountLayout(app: HTMLElement, routes: readonly Route[], version: string): Layout {
  const links = routes
    .filter((r) => r.nav)
    .map((r) => h('a', { href: r.path, 'data-path': r.path }, r.nav ?? r.title));
  const nav = h('nav', { 'aria-label': t('app.nav') }, h('ul', {}, ...links.map((a) => h('li', {}, a))));
  const outlet = h('main', { id: 'main', tabindex: '-1' });
  const banner = h('div', { class: 'safety-slot' });
  mountSafetyBanner(banner);
  app.replaceChildren(
    h('a', { href: '#main', class: 'skip' }, t('app.skip')),
    h('header', { class: 'top' }, h('a', { href: '/', class: 'brand' }, 'stretchwise'), nav),
    banner,
    outlet,
    h('footer', {}, h('p', {}, t('app.footer', { version })), reportIssueButton(version)),
  );
  return {
    outlet,
    setActive: (r) => {
      for (const a of links) {
        if (a.dataset.path === r.path) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      onRouteChange();
    },
  };
}
