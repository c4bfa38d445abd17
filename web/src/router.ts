// A small history router. Each route renders into the layout's <main> and
// returns an optional cleanup (stop the camera, cancel an extraction) that
// runs before the next route renders. The server answers every non-API path
// with index.html, so deep links work. A page holding work that would be
// lost (components/leave) is asked about before any other page renders.
import { mayLeave } from './components/leave';
import { t } from './i18n';

/** What a page gets: the element to render into and the URL's query. */
export interface RouteContext {
  root: HTMLElement;
  params: URLSearchParams;
  navigate: (path: string) => void;
  signal: AbortSignal;
}

export type Cleanup = () => void;

export interface Route {
  path: string;
  /** Document title and the page's h1. */
  title: string;
  /** Shown in the main navigation when set. */
  nav?: string;
  /** The account role the page is for; its navigation link shows only to that role once it is known. */
  role?: 'patient' | 'clinician';
  render: (ctx: RouteContext) => void | Cleanup | Promise<void | Cleanup>;
}

/** match returns the route for pathname, ignoring a trailing slash, or undefined. */
export function match(routes: readonly Route[], pathname: string): Route | undefined {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return routes.find((r) => r.path === p);
}

export class Router {
  private readonly routes: readonly Route[];
  private readonly outlet: HTMLElement;
  private readonly notFound: Route;
  private cleanup: Cleanup | undefined;
  private abort: AbortController | undefined;
  private readonly onChange: (r: Route) => void;
  /** The path and query shown now, to go back to when the person stays. */
  private here = '';

  constructor(routes: readonly Route[], outlet: HTMLElement, notFound: Route, onChange: (r: Route) => void = () => {}) {
    this.routes = routes;
    this.outlet = outlet;
    this.notFound = notFound;
    this.onChange = onChange;
  }

  start(): void {
    window.addEventListener('popstate', () => {
      // The address has changed already (Back, Forward): put it back when the person stays.
      if (!mayLeave()) history.pushState(null, '', this.here);
      else void this.render();
    });
    document.addEventListener('click', (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
      if (a.pathname.startsWith('/api/')) return;
      e.preventDefault();
      this.navigate(a.pathname + a.search);
    });
    void this.render();
  }

  navigate(path: string): void {
    if (!mayLeave()) return;
    if (path !== location.pathname + location.search) history.pushState(null, '', path);
    void this.render();
  }

  private async render(): Promise<void> {
    this.cleanup?.();
    this.cleanup = undefined;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.here = location.pathname + location.search;
    const route = match(this.routes, location.pathname) ?? this.notFound;
    document.title = `${route.title} · stretchwise`;
    this.outlet.replaceChildren();
    this.onChange(route);
    try {
      const c = await route.render({
        root: this.outlet,
        params: new URLSearchParams(location.search),
        navigate: (p) => this.navigate(p),
        signal: abort.signal,
      });
      if (abort.signal.aborted) c?.();
      else if (c) this.cleanup = c;
    } catch (err) {
      if (abort.signal.aborted) return;
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.className = 'error';
      p.textContent = t('app.error', { message: err instanceof Error ? err.message : String(err) });
      this.outlet.append(p);
    }
    // Move focus to the new page's heading for keyboard and screen-reader users.
    this.outlet.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false });
  }
}
