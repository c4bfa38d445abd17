import { describe, expect, it } from 'vitest';
import { match, type Route } from './router';

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
