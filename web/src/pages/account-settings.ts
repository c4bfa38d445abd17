// The account's own life: unlink, change the password, a new recovery
// code, sign out everywhere, download all my data, delete my account; and
// the page that sets a new password with the recovery code
// (docs/security-account.md). Plain words: the person reads these.
import { api, ApiError, noteSignedIn, type User } from '../api';
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { data, type Link } from '../components/data';
import { clearDrafts } from '../components/draft';
import { notePatient } from '../components/safety';
import { errorText, statusLine } from './common';
import { t } from '../i18n';
import type { SchemaPasswordReset, SchemaRecoveryCode } from '../openapi.gen';

/** The account endpoints of the API. */
export const account = {
  changePassword: (current: string, next: string) => api.request<void>('POST', '/me/password', { current_password: current, new_password: next }),
  signOutEverywhere: () => api.request<void>('DELETE', '/me/sessions'),
  newRecoveryCode: (password: string) => api.request<SchemaRecoveryCode>('POST', '/me/recovery-code', { password }),
  resetPassword: (email: string, code: string, next: string) =>
    api.request<SchemaPasswordReset>('POST', '/password-reset', { email, recovery_code: code, new_password: next }),
  deleteAccount: (password: string, confirm: string) => api.request<void>('DELETE', '/me', { password, confirm }),
  unlink: (otherID: number) => api.request<void>('DELETE', `/links/${otherID}`),
  exportURL: '/api/v1/me/export',
};

/** recoveryCodeBox shows a recovery code once, with what it is for. */
export function recoveryCodeBox(code: string): HTMLElement {
  return h(
    'div',
    { class: 'recovery' },
    h('p', { class: 'recovery-code', 'data-testid': 'recovery-code' }, code),
    h('p', {}, t('account.writeThisCodeDown')),
    h('p', {}, t('account.weCannotShowIt')),
  );
}

function passwordInput(name: string, autocomplete: string): HTMLInputElement {
  return h('input', { type: 'password', name, autocomplete, required: true, minlength: 8 });
}

function fail(status: HTMLElement, err: unknown, wrongPassword = t('account.yourCurrentPasswordIs')): void {
  status.textContent = err instanceof ApiError && err.status === 401 ? wrongPassword : errorText(err);
  status.classList.add('error');
}

function ok(status: HTMLElement, text: string): void {
  status.textContent = text;
  status.classList.remove('error');
}

/**
 * linksSection lists a patient's clinicians or a clinician's patients, each
 * with an Unlink button; afterwards the clinician no longer sees the
 * patient's data.
 */
export function linksSection(me: User, status: HTMLElement): { list: HTMLElement; refresh: () => Promise<void> } {
  const patient = me.role === 'patient';
  const list = h('ul', { class: 'links', 'aria-label': patient ? t('account.yourClinicians') : t('account.yourPatients') });
  const refresh = async (): Promise<void> => {
    const links = await data.links();
    const item = (l: Link) => {
      const other = patient ? l.clinician_id : l.patient_id;
      const b = h('button', { type: 'button', 'aria-label': t('account.unlinkWho', { email: l.email }) }, t('account.unlink'));
      b.addEventListener('click', async () => {
        b.disabled = true;
        try {
          await account.unlink(other);
          ok(status, t(patient ? 'account.unlinkedClinician' : 'account.unlinkedPatient', { email: l.email }));
          await refresh();
        } catch (err) {
          fail(status, err);
          b.disabled = false;
        }
      });
      return h('li', {}, h('span', {}, l.email), b);
    };
    list.replaceChildren(...(links.length ? links.map(item) : [h('li', {}, patient ? t('account.noClinicianLinkedYet') : t('account.noPatientsLinkedYet'))]));
  };
  return { list, refresh };
}

function changePasswordForm(): HTMLElement {
  const current = passwordInput('current-password', 'current-password');
  const next = passwordInput('new-password', 'new-password');
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.changePassword'));
  const form = h('form', { class: 'narrow', 'aria-label': t('account.changePassword') }, h('div', { class: 'fields one' }, field(t('account.currentPassword'), current), field(t('account.newPassword'), next, t('account.atLeast8Characters2'))), h('div', { class: 'actions' }, submit), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await account.changePassword(current.value, next.value);
      current.value = next.value = '';
      ok(status, t('account.yourPasswordIsChanged'));
    } catch (err) {
      fail(status, err);
    }
    submit.disabled = false;
  });
  return h('section', {}, h('h2', {}, t('account.password')), form);
}

function recoveryForm(): HTMLElement {
  const pw = passwordInput('recovery-password', 'current-password');
  const status = statusLine();
  const out = h('div', {});
  const submit = h('button', { type: 'submit' }, t('account.makeANewRecovery'));
  const form = h(
    'form',
    { class: 'narrow', 'aria-label': t('account.newRecoveryCode') },
    h('p', {}, t('account.yourRecoveryCodeLets')),
    h('div', { class: 'fields one' }, field(t('account.yourPassword'), pw)),
    h('div', { class: 'actions' }, submit),
    status,
    out,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const { recovery_code } = await account.newRecoveryCode(pw.value);
      pw.value = '';
      ok(status, t('account.hereIsYourNew'));
      out.replaceChildren(recoveryCodeBox(recovery_code));
    } catch (err) {
      fail(status, err, t('account.thatPasswordIsNot'));
    }
    submit.disabled = false;
  });
  return h('section', {}, h('h2', {}, t('account.recoveryCode')), form);
}

function devicesSection(ctx: RouteContext): HTMLElement {
  const status = statusLine();
  const b = h('button', { type: 'button' }, t('account.signOutEverywhere'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await account.signOutEverywhere();
      clearDrafts();
      noteSignedIn(false);
      notePatient(false);
      ctx.navigate('/login?signedout=everywhere');
    } catch (err) {
      fail(status, err);
      b.disabled = false;
    }
  });
  return h('section', {}, h('h2', {}, t('account.devices')), h('p', {}, t('account.lostAPhoneOr')), h('div', { class: 'actions' }, b), status);
}

function exportSection(me: User): HTMLElement {
  const what =
    me.role === 'patient'
      ? t('account.oneZipFileWith')
      : t('account.oneZipFileWith2');
  return h('section', {}, h('h2', {}, t('account.yourData')), h('p', {}, what), h('p', { class: 'actions' }, h('a', { href: account.exportURL, download: '', class: 'button' }, t('account.downloadAllMyData'))));
}

function deleteSection(ctx: RouteContext, me: User): HTMLElement {
  const pw = passwordInput('delete-password', 'current-password');
  const confirm = h('input', { type: 'email', name: 'confirm', autocomplete: 'off', required: true });
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'danger' }, t('account.deleteMyAccount'));
  const gone =
    me.role === 'patient'
      ? t('account.thisDeletesYourAccount')
      : t('account.thisDeletesYourAccount2');
  const form = h(
    'form',
    { class: 'narrow', 'aria-label': t('account.deleteMyAccount') },
    h('p', {}, gone),
    h('div', { class: 'fields one' }, field(t('account.yourPassword'), pw), field(t('account.typeYourEmailAddress'), confirm, me.email)),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (confirm.value.trim().toLowerCase() !== me.email) {
      status.textContent = t('account.typeYourEmailAddress2');
      status.classList.add('error');
      return;
    }
    submit.disabled = true;
    try {
      await account.deleteAccount(pw.value, confirm.value);
      clearDrafts();
      ctx.root.replaceChildren(
        h('h1', { tabindex: '-1' }, t('account.yourAccountIsDeleted')),
        h('p', {}, t('account.yourAccountAndEverything')),
        h('p', {}, h('a', { href: '/' }, t('account.backToTheStart'))),
      );
    } catch (err) {
      fail(status, err, t('account.thatPasswordIsNot'));
      submit.disabled = false;
    }
  });
  return h('section', { class: 'danger-zone' }, h('h2', {}, t('account.deleteYourAccount')), form);
}

/** accountSettings are the sections of the account page under the links. */
export function accountSettings(ctx: RouteContext, me: User): HTMLElement[] {
  return [changePasswordForm(), recoveryForm(), devicesSection(ctx), exportSection(me), deleteSection(ctx, me)];
}

/** renderReset sets a new password with the recovery code (/reset). */
export function renderReset(ctx: RouteContext): void {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true });
  const code = h('input', { type: 'text', name: 'recovery-code', autocomplete: 'off', spellcheck: 'false', required: true });
  const next = passwordInput('new-password', 'new-password');
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.setNewPassword'));
  const form = h(
    'form',
    { class: 'narrow' },
    h('div', { class: 'fields one' }, field(t('account.email'), email), field(t('account.recoveryCode'), code, t('account.theCodeYouWrote')), field(t('account.newPassword'), next, t('account.atLeast8Characters2'))),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const r = await account.resetPassword(email.value.trim(), code.value, next.value);
      await api.login(email.value.trim(), next.value);
      const go = h('button', { type: 'button', class: 'primary' }, t('account.writtenDown'));
      go.addEventListener('click', () => ctx.navigate(r.user.role === 'clinician' ? '/clinician' : '/'));
      ctx.root.replaceChildren(
        h('h1', { tabindex: '-1' }, t('account.yourNewPasswordIs')),
        h('p', {}, t('account.youAreSignedIn')),
        recoveryCodeBox(r.recovery_code),
        h('div', { class: 'actions' }, go),
      );
    } catch (err) {
      fail(status, err, t('account.thatEmailAndRecovery'));
      submit.disabled = false;
    }
  });
  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('account.forgotYourPassword')),
    h('p', {}, t('account.useTheRecoveryCode')),
    form,
    h('p', {}, h('a', { href: '/login' }, t('account.backToSignIn'))),
  );
}
