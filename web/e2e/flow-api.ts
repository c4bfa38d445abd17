// A patient account driven through the JSON API with a bearer token, as a
// script would: the browser flow tests use it to set up other accounts.

/** Patient is an account driven through the API with a bearer token. */
export class Patient {
  id = 0;
  private token = '';
  constructor(
    private readonly base: string,
    readonly email: string,
    readonly password = 'a patient passphrase',
  ) {}

  async call(method: string, path: string, body?: unknown, type = 'application/json'): Promise<unknown> {
    const res = await fetch(this.base + '/api/v1' + path, {
      method,
      headers: { ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}), ...(body !== undefined ? { 'Content-Type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async signUp(): Promise<this> {
    const u = (await this.call('POST', '/accounts', { email: this.email, password: this.password, role: 'patient' })) as { id: number };
    this.id = u.id;
    this.token = ((await this.call('POST', '/login', { email: this.email, password: this.password })) as { token: string }).token;
    return this;
  }
}
