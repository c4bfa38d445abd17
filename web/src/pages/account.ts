// Sign up (with the one-time recovery code), sign in and the account page
// (links, who has looked at your data, sign out, and the sections of
// account-settings.ts).
import { api, ApiError, type Role } from '../api';
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { clearDrafts } from '../components/draft';
import { requireUser } from '../components/auth';
import { notePatient } from '../components/safety';
import { data } from '../components/data';
import { accessLogSection } from '../components/access-log';
import { errorText, statusLine } from './common';
import { accountSettings, linksSection, recoveryCodeBox } from './account-settings';
import { t } from '../i18n';

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
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.createAccount'));
  const form = h(
    'form',
    { class: 'narrow' },
    h('div', { class: 'fields one' }, field(t('account.email'), email), field(t('account.password'), password, t('account.atLeast8Characters'))),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, t('account.iAm')),
      h('label', { for: 'role-patient' }, patient, ' ', t('account.rolePatient')),
      h('label', { for: 'role-clinician' }, clinician, ' ', t('account.roleClinician')),
    ),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    const role: Role = clinician.checked ? 'clinician' : 'patient';
    try {
      status.textContent = t('account.creatingYourAccount');
      const created = await api.createAccount(email.value.trim(), password.value, role);
      await api.login(email.value.trim(), password.value);
      const go = h('button', { type: 'button', class: 'primary' }, t('account.writtenDown'));
      go.addEventListener('click', () => ctx.navigate(home(role)));
      ctx.root.replaceChildren(
        h('h1', { tabindex: '-1' }, t('account.yourRecoveryCode')),
        h('p', {}, t('account.yourAccountIsReady')),
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
    h('h1', { tabindex: '-1' }, t('account.createAnAccount')),
    h('p', {}, t('account.yourAnswersMeasurementsAnd')),
    form,
    h('p', {}, t('account.alreadyHaveAnAccount'), h('a', { href: '/login' }, t('account.signIn'))),
  );
}

export function renderLogin(ctx: RouteContext): void {
  const { email, password } = credentials('current-password');
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.signIn'));
  const form = h('form', { class: 'narrow' }, h('div', { class: 'fields one' }, field(t('account.email'), email), field(t('account.password'), password)), h('div', { class: 'actions' }, submit), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const { user } = await api.login(email.value.trim(), password.value);
      // A patient signing in lands on Today, which leads to the questions when they are not answered yet.
      ctx.navigate(safeNext(ctx.params, user.role === 'clinician' ? '/clinician' : '/'));
    } catch (err) {
      status.textContent = err instanceof ApiError && err.status === 401 ? t('account.thatEmailAndPassword') : errorText(err);
      status.classList.add('error');
      submit.disabled = false;
    }
  });
  const notes = ctx.params.get('signedout') === 'everywhere' ? [h('p', { role: 'status' }, t('account.youAreSignedOut'))] : [];
  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('account.signIn')),
    ...notes,
    form,
    h('p', {}, h('a', { href: '/reset' }, t('account.forgotYourPassword'))),
    h('p', {}, t('account.newHere'), h('a', { href: '/signup' }, t('account.createAnAccount'))),
  );
}

export async function renderAccount(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, t('account.yourAccount'));
  if (!me) return;
  const status = statusLine();
  const out = h('button', { type: 'button' }, t('account.signOut'));
  out.addEventListener('click', async () => {
    await api.logout().catch(() => undefined);
    clearDrafts();
    notePatient(false);
    ctx.navigate('/login');
  });
  ctx.root.append(h('h1', { tabindex: '-1' }, t('account.yourAccount')), h('p', {}, t(me.role === 'patient' ? 'account.signedInPatient' : 'account.signedInClinician', { email: me.email })));
  const { list, refresh } = linksSection(me, status);
  if (me.role === 'patient') {
    const code = h('input', { type: 'text', name: 'code', autocomplete: 'off', spellcheck: 'false' });
    const link = h('button', { type: 'submit', class: 'primary' }, t('account.linkClinician'));
    const form = h('form', {}, h('div', { class: 'fields' }, field(t('account.inviteCodeFromYour'), code, t('account.yourClinicianWillThen'))), h('div', { class: 'actions' }, link));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const l = await data.link(code.value);
        status.textContent = t('account.linkedWith', { email: l.email });
        code.value = '';
        await refresh();
      } catch (err) {
        status.textContent = errorText(err);
      }
    });
    ctx.root.append(h('h2', {}, t('account.yourClinician')), list, form, status);
  } else {
    ctx.root.append(h('h2', {}, t('account.yourPatients')), h('p', {}, t('account.unlinkAPatientTo')), list, status);
  }
  await refresh();
  if (me.role === 'patient') ctx.root.append(await accessLogSection());
  ctx.root.append(...accountSettings(ctx, me), h('div', { class: 'actions' }, out));
}
