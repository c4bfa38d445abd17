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
  const navRoutes = routes.filter((r) => r.nav);
  const links = navRoutes.map((r) => h('a', { href: r.path, 'data-path': r.path }, r.nav ?? r.title));
  // On a phone the links sit behind a Menu button (style.css shows the button only there), so the
  // header stays one line instead of wrapping onto several.
  const list = h('ul', { id: 'nav-links' }, ...links.map((a, i) => h('li', navRole(navRoutes[i]!), a)));
  const menu = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav-links' }, t('app.menu'));
  const nav = h('nav', { 'aria-label': t('app.nav') }, menu, list);
  const openMenu = (open: boolean) => {
    nav.classList.toggle('open', open);
    menu.setAttribute('aria-expanded', String(open));
  };
  menu.addEventListener('click', () => openMenu(!nav.classList.contains('open')));
  // A link followed (or a page that asks first and stays) closes the menu.
  list.addEventListener('click', () => openMenu(false));
  nav.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !nav.classList.contains('open')) return; // not text: a key name
    openMenu(false);
    menu.focus();
  });
  showRole(storedRole());
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
      openMenu(false);
      for (const a of links) {
        if (a.dataset.path === r.path) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      onRouteChange();
    },
  };
}

// The signed-in role, as last seen on this device (requireUser tells): the
// navigation shows a patient's pages to patients and the clinician's page to
// clinicians (style.css hides the others by the root element's data-role).
const ROLE_KEY = 'stretchwise.role';

function navRole(r: Route): Record<string, string> {
  return r.role ? { 'data-role': r.role } : {};
}

function storedRole(): string | null {
  try {
    return localStorage.getItem(ROLE_KEY);
  } catch {
    return null;
  }
}

function showRole(role: string | null): void {
  if (role) document.documentElement.dataset.role = role;
  else delete document.documentElement.dataset.role;
}

/** noteRole records the signed-in account's role (null: nobody) and shows the links for it. */
export function noteRole(role: string | null): void {
  try {
    if (role) localStorage.setItem(ROLE_KEY, role);
    else localStorage.removeItem(ROLE_KEY);
  } catch {
    // storage may be disabled: the links follow this page only
  }
  showRole(role);
}
