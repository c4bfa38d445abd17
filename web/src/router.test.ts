// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdPage } from './components/leave';
import { match, Router, type Route } from './router';

const r = (path: string): Route => ({ path, title: path, render: () => {} });

describe('match', () => {
  const routes = [r('/'), r('/video'), r('/camera')];
  it('finds exact paths and ignores a trailing slash', () => {
    expect(match(routes, '/')?.path).toBe('/');
    expect(match(routes, '/video')?.path).toBe('/video');
    expect(match(routes, '/video/')?.path).toBe('/video');
    expect(match(routes, '/videos')).toBeUndefined();
  });
});

describe('the router while a page holds work that would be lost', () => {
  afterEach(() => vi.restoreAllMocks());

  it('stays when the person says no, goes when they say yes', async () => {
    const rendered: string[] = [];
    const route = (path: string): Route => ({ path, title: path, render: () => void rendered.push(path) });
    const outlet = document.createElement('main');
    history.replaceState(null, '', '/session');
    const router = new Router([route('/session'), route('/history')], outlet, route('/404'));
    router.start();
    await vi.waitFor(() => expect(rendered).toEqual(['/session']));
    const release = holdPage('Your session is not finished.');
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    router.navigate('/history');
    expect(ask).toHaveBeenCalledOnce();
    expect(location.pathname).toBe('/session');
    ask.mockReturnValue(true);
    router.navigate('/history');
    await vi.waitFor(() => expect(rendered).toEqual(['/session', '/history']));
    expect(location.pathname).toBe('/history');
    release();
  });
});
