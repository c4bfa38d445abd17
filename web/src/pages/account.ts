// Sign up (with the one-time recovery code), sign in and the account page
// (links, who has looked at your data, sign out, and the sections of
// account-settings.ts).
import { api, ApiError, type Role } from '../api';
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { notePatient } from '../components/safety';
import { data } from '../components/data';
import { accessLogSection } from '../components/access-log';
import { errorText, statusLine } from './common';
import { accountSettings, linksSection, recoveryCodeBox } from './account-settings';

function home(role: Role): string {
  return role === 'clinician' ? '/clinician' : '/intake';
}

function safeNext(p: URLSearchParams, fallback: string): string {
  const n = p.get('next') ?? '';
  return n.startsWith('/') && !n.startsWith('//') ? n : fallback;
}

function credentials(autocompletePw: string): { email: HTMLInputElement; password: HTMLInputElement } {
  return {
    email: h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true }),
    password: h('input', { type: 'password', name: 'password', autocomplete: autocompletePw, required: true, minlength: 8 }),
  };
}

export function renderSignup(ctx: RouteContext): void {
  const { email, password } = credentials('new-password');
  const patient = h('input', { type: 'radio', name: 'role', value: 'patient', id: 'role-patient', checked: true });
  const clinician = h('input', { type: 'radio', name: 'role', value: 'clinician', id: 'role-clinician' });
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create account');
  const form = h(
    'form',
    { class: 'narrow' },
    h('div', { class: 'fields one' }, field('Email', email), field('Password', password, 'At least 8 characters. A few words you will remember work well.')),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, 'I am'),
      h('label', { for: 'role-patient' }, patient, ' someone with back pain (patient)'),
      h('label', { for: 'role-clinician' }, clinician, ' a clinician'),
    ),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    const role: Role = clinician.checked ? 'clinician' : 'patient';
    try {
      status.textContent = 'Creating your account…';
      const created = await api.createAccount(email.value.trim(), password.value, role);
      await api.login(email.value.trim(), password.value);
      const go = h('button', { type: 'button', class: 'primary' }, 'I have written it down, continue');
      go.addEventListener('click', () => ctx.navigate(home(role)));
      ctx.root.replaceChildren(
        h('h1', { tabindex: '-1' }, 'Your recovery code'),
        h('p', {}, 'Your account is ready. One more thing: this server sends no e-mail, so this code is how you get back in if you forget your password.'),
        recoveryCodeBox(created.recovery_code),
        h('div', { class: 'actions' }, go),
      );
      go.focus();
    } catch (err) {
      status.textContent = errorText(err);
      status.classList.add('error');
      submit.disabled = false;
    }
  });
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Create an account'),
    h('p', {}, 'Your answers, measurements and sessions are kept in this account. The camera picture never leaves your device.'),
    form,
    h('p', {}, 'Already have an account? ', h('a', { href: '/login' }, 'Sign in')),
  );
}

export function renderLogin(ctx: RouteContext): void {
  const { email, password } = credentials('current-password');
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'narrow' }, h('div', { class: 'fields one' }, field('Email', email), field('Password', password)), h('div', { class: 'actions' }, submit), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const { user } = await api.login(email.value.trim(), password.value);
      ctx.navigate(safeNext(ctx.params, home(user.role)));
    } catch (err) {
      status.textContent = err instanceof ApiError && err.status === 401 ? 'That email and password do not match. Please try again.' : errorText(err);
      status.classList.add('error');
      submit.disabled = false;
    }
  });
  const notes = ctx.params.get('signedout') === 'everywhere' ? [h('p', { role: 'status' }, 'You are signed out on every device.')] : [];
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Sign in'),
    ...notes,
    form,
    h('p', {}, h('a', { href: '/reset' }, 'Forgot your password?')),
    h('p', {}, 'New here? ', h('a', { href: '/signup' }, 'Create an account')),
  );
}

export async function renderAccount(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Your account');
  if (!me) return;
  const status = statusLine();
  const out = h('button', { type: 'button' }, 'Sign out');
  out.addEventListener('click', async () => {
    await api.logout().catch(() => undefined);
    notePatient(false);
    ctx.navigate('/login');
  });
  ctx.root.append(h('h1', { tabindex: '-1' }, 'Your account'), h('p', {}, `Signed in as ${me.email} (${me.role}).`));
  const { list, refresh } = linksSection(me, status);
  if (me.role === 'patient') {
    const code = h('input', { type: 'text', name: 'code', autocomplete: 'off', spellcheck: 'false' });
    const link = h('button', { type: 'submit', class: 'primary' }, 'Link clinician');
    const form = h('form', {}, h('div', { class: 'fields' }, field('Invite code from your clinician', code, 'Your clinician will then see your results and sessions. You can unlink at any time.')), h('div', { class: 'actions' }, link));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const l = await data.link(code.value);
        status.textContent = `Linked with ${l.email}.`;
        code.value = '';
        await refresh();
      } catch (err) {
        status.textContent = errorText(err);
      }
    });
    ctx.root.append(h('h2', {}, 'Your clinician'), list, form, status);
  } else {
    ctx.root.append(h('h2', {}, 'Your patients'), h('p', {}, 'Unlink a patient to stop seeing their data.'), list, status);
  }
  await refresh();
  if (me.role === 'patient') ctx.root.append(await accessLogSection());
  ctx.root.append(...accountSettings(ctx, me), h('div', { class: 'actions' }, out));
}
