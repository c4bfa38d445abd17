import { describe, expect, it } from 'vitest';
import { ApiError, Client } from './api';

function fakeFetch(responses: Array<{ status: number; body: unknown; headers?: Record<string, string> }>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const f = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const r = responses.shift()!;
    return new Response(r.body === undefined ? '' : JSON.stringify(r.body), { status: r.status, headers: r.headers ?? {} });
  };
  return { f: f as typeof fetch, calls };
}

describe('Client', () => {
  it('uploads recordings as JSON Lines and decodes the stored recording', async () => {
    const { f, calls } = fakeFetch([
      { status: 200, body: { user: { id: 1, email: 'a@b.c', role: 'patient' }, expires_at: 'x' } },
      { status: 201, body: { id: 7, kind: 'screening', report: { verdict: 'stable' } } },
    ]);
    const c = new Client('/api/v1', f);
    await c.login('a@b.c', 'secret password');
    expect(calls[0]!.url).toBe('/api/v1/login');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ email: 'a@b.c', password: 'secret password' });
    const r = await c.uploadRecording('{"format":"stretchwise-recording"}\n', 'screening');
    expect(r.id).toBe(7);
    expect(r.report.verdict).toBe('stable');
    const h = calls[1]!.init.headers as Record<string, string>;
    expect(h['Content-Type']).toBe('application/jsonl');
    expect(calls[1]!.init.method).toBe('POST');
    expect(calls[1]!.url).toBe('/api/v1/recordings?kind=screening');
  });

  it('turns error answers into ApiError with the safe message', async () => {
    const { f } = fakeFetch([{ status: 400, body: { error: { code: 'invalid', message: 'line 2: field t' } } }]);
    const c = new Client('/api/v1', f);
    const err = await c.request('POST', '/recordings', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid');
    expect((err as ApiError).message).toBe('line 2: field t');
    expect((err as ApiError).status).toBe(400);
  });
});
