// Typed client of the JSON API under /api/v1 (served by `stretchwise serve`;
// its OpenAPI document is /api/v1/openapi.json). Only landmarks and form
// answers go through it: the client has no way to send an image or a video.
//
// Sessions use the HttpOnly cookie login sets. Cross-site request forgery is
// refused by the server from the browser's Sec-Fetch-Site header (Go's
// http.CrossOriginProtection), so same-origin fetches need no token.

import { t } from './i18n';
import type { SchemaAccountCreated, SchemaFinding, SchemaLogin, SchemaMeasure, SchemaRecording, SchemaReport, SchemaUser } from './openapi.gen';

export const API_BASE = '/api/v1';

/** The domain error of the server: a code and a message safe to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

// The wire types are generated from the server's OpenAPI document
// (http/openapi.json, itself checked against the Go types) into
// openapi.gen.d.ts by `npm run openapi-types`, which every build and test
// runs first: a field renamed on the server fails tsc here.
export type User = SchemaUser;
export type Role = User['role'];
export type Measure = SchemaMeasure;
export type Finding = SchemaFinding;
/** The analysis report of docs/contract.md. */
export type Report = SchemaReport;
export type StoredRecording = SchemaRecording;
export type RecordingKind = StoredRecording['kind'];

type Fetch = typeof fetch;

/** Client talks to one server. fetchImpl is injectable for tests. */
export class Client {
  private readonly fetchImpl: Fetch;
  private readonly base: string;

  constructor(base = API_BASE, fetchImpl: Fetch = (...a) => fetch(...a)) {
    this.base = base;
    this.fetchImpl = fetchImpl;
  }

  /** request sends one call and decodes the JSON answer or throws ApiError. */
  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.fetchImpl(this.base + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new ApiError(res.status, 'internal', t('error.unreadableAnswer', { status: String(res.status) }));
      }
    }
    if (!res.ok) {
      const e = (data ?? {}) as { error?: string | { code?: string; message?: string }; code?: string; message?: string };
      const code = typeof e.error === 'object' ? e.error.code : e.code;
      const msg = typeof e.error === 'object' ? e.error.message : typeof e.error === 'string' ? e.error : e.message;
      throw new ApiError(res.status, code ?? 'internal', msg ?? t('error.requestFailed', { status: String(res.status) }));
    }
    return data as T;
  }

  /**
   * createAccount signs up; sign in afterwards with login. The answer holds
   * the account's one-time recovery code, shown only now.
   */
  createAccount(email: string, password: string, role: Role): Promise<SchemaAccountCreated> {
    return this.request('POST', '/accounts', { email, password, role });
  }

  /** login starts a session (the server sets the session cookie). */
  async login(email: string, password: string): Promise<SchemaLogin> {
    const r = await this.request<SchemaLogin>('POST', '/login', { email, password });
    noteSignedIn(true);
    return r;
  }

  async logout(): Promise<void> {
    noteSignedIn(false);
    return this.request('POST', '/logout');
  }

  /** me returns the signed-in user; ApiError with status 401 when nobody is. */
  async me(): Promise<User> {
    try {
      const u = await this.request<User>('GET', '/me');
      noteSignedIn(true);
      return u;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) noteSignedIn(false);
      throw e;
    }
  }

  /**
   * uploadRecording stores a recording (JSON Lines text) and returns it with
   * the report the server computed from it.
   */
  uploadRecording(text: string, kind: RecordingKind): Promise<StoredRecording & { report: Report }> {
    return this.request('POST', `/recordings?kind=${encodeURIComponent(kind)}`, text, 'application/jsonl');
  }

  listRecordings(): Promise<StoredRecording[]> {
    return this.request('GET', '/recordings');
  }

  getRecording(id: number): Promise<StoredRecording> {
    return this.request('GET', `/recordings/${id}`);
  }
}

// SIGNED_IN_KEY marks, on this device, that this browser holds a session
// (its cookie is out of the page's reach): set by a sign-in or an answer of
// /me, cleared by signing out (here or everywhere) or a 401 from /me or
// /safety. The home page asks the server who is signed in only when it is
// set, so a visitor's first page makes no request that fails.
const SIGNED_IN_KEY = 'stretchwise.signedIn';

/** noteSignedIn records whether this browser holds a session (false after signing out everywhere too). */
export function noteSignedIn(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage may be disabled: mayBeSignedIn then says yes
  }
}

/** mayBeSignedIn is false when this browser is known to hold no session. */
export function mayBeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true;
  }
}

/** api is the app's one client. */
export const api = new Client();
