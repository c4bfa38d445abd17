// The account's own life: unlink, change the password, a new recovery
// code, sign out everywhere, download all my data, delete my account; and
// the page that sets a new password with the recovery code
// (docs/security-account.md). Plain words: the person reads these.
import { api, ApiError, type User } from '../api';
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { data, type Link } from '../components/data';
import { errorText, statusLine } from './common';

/** The account endpoints of the API. */
export const account = {
  changePassword: (current: string, next: string) => api.request<void>('POST', '/me/password', { current_password: current, new_password: next }),
  signOutEverywhere: () => api.request<void>('DELETE', '/me/sessions'),
  newRecoveryCode: (password: string) => api.request<{ recovery_code: string }>('POST', '/me/recovery-code', { password }),
  resetPassword: (email: string, code: string, next: string) =>
    api.request<{ user: User; recovery_code: string }>('POST', '/password-reset', { email, recovery_code: code, new_password: next }),
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
    h('p', {}, 'Write this code down and keep it somewhere safe, away from this device. If you forget your password, this code lets you choose a new one. It works once, and you get a new one when you use it.'),
    h('p', {}, 'We cannot show it again. You can make a new one on your account page.'),
  );
}

function passwordInput(name: string, autocomplete: string): HTMLInputElement {
  return h('input', { type: 'password', name, autocomplete, required: true, minlength: 8 });
}

function fail(status: HTMLElement, err: unknown, wrongPassword = 'Your current password is not right.'): void {
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
  const list = h('ul', { class: 'links', 'aria-label': patient ? 'Your clinicians' : 'Your patients' });
  const refresh = async (): Promise<void> => {
    const links = await data.links();
    const item = (l: Link) => {
      const other = patient ? l.clinician_id : l.patient_id;
      const b = h('button', { type: 'button', 'aria-label': `Unlink ${l.email}` }, 'Unlink');
      b.addEventListener('click', async () => {
        b.disabled = true;
        try {
          await account.unlink(other);
          ok(status, patient ? `Unlinked ${l.email}. They no longer see your data.` : `Unlinked ${l.email}. You no longer see their data.`);
          await refresh();
        } catch (err) {
          fail(status, err);
          b.disabled = false;
        }
      });
      return h('li', {}, h('span', {}, l.email), b);
    };
    list.replaceChildren(...(links.length ? links.map(item) : [h('li', {}, patient ? 'No clinician linked yet.' : 'No patients linked yet.')]));
  };
  return { list, refresh };
}

function changePasswordForm(): HTMLElement {
  const current = passwordInput('current-password', 'current-password');
  const next = passwordInput('new-password', 'new-password');
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  const form = h('form', { class: 'narrow', 'aria-label': 'Change password' }, h('div', { class: 'fields one' }, field('Current password', current), field('New password', next, 'At least 8 characters.')), h('div', { class: 'actions' }, submit), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await account.changePassword(current.value, next.value);
      current.value = next.value = '';
      ok(status, 'Your password is changed. Any other device that was signed in is now signed out.');
    } catch (err) {
      fail(status, err);
    }
    submit.disabled = false;
  });
  return h('section', {}, h('h2', {}, 'Password'), form);
}

function recoveryForm(): HTMLElement {
  const pw = passwordInput('recovery-password', 'current-password');
  const status = statusLine();
  const out = h('div', {});
  const submit = h('button', { type: 'submit' }, 'Make a new recovery code');
  const form = h(
    'form',
    { class: 'narrow', 'aria-label': 'New recovery code' },
    h('p', {}, 'Your recovery code lets you choose a new password if you forget yours. Lost it? Make a new one; the old one then stops working.'),
    h('div', { class: 'fields one' }, field('Your password', pw)),
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
      ok(status, 'Here is your new recovery code. The old one no longer works.');
      out.replaceChildren(recoveryCodeBox(recovery_code));
    } catch (err) {
      fail(status, err, 'That password is not right.');
    }
    submit.disabled = false;
  });
  return h('section', {}, h('h2', {}, 'Recovery code'), form);
}

function devicesSection(ctx: RouteContext): HTMLElement {
  const status = statusLine();
  const b = h('button', { type: 'button' }, 'Sign out everywhere');
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await account.signOutEverywhere();
      ctx.navigate('/login?signedout=everywhere');
    } catch (err) {
      fail(status, err);
      b.disabled = false;
    }
  });
  return h('section', {}, h('h2', {}, 'Devices'), h('p', {}, 'Lost a phone, or signed in on a shared computer? This signs you out on every device, this one too.'), h('div', { class: 'actions' }, b), status);
}

function exportSection(me: User): HTMLElement {
  const what =
    me.role === 'patient'
      ? 'One ZIP file with everything kept about you: your answers, plans, sessions, morning check-ins, the recordings of your body points with their results, the problems you reported, and each time your clinician looked at your data.'
      : 'One ZIP file with everything kept about you: your account, the patients you are linked with and the problems you reported.';
  return h('section', {}, h('h2', {}, 'Your data'), h('p', {}, what), h('p', { class: 'actions' }, h('a', { href: account.exportURL, download: '', class: 'button' }, 'Download all my data')));
}

function deleteSection(ctx: RouteContext, me: User): HTMLElement {
  const pw = passwordInput('delete-password', 'current-password');
  const confirm = h('input', { type: 'email', name: 'confirm', autocomplete: 'off', required: true });
  const status = statusLine();
  const submit = h('button', { type: 'submit', class: 'danger' }, 'Delete my account');
  const gone =
    me.role === 'patient'
      ? 'This deletes your account and everything kept about you on this server: answers, plans, sessions, check-ins, recordings, reported problems and the record of who looked at your data. Your clinician no longer sees anything. It cannot be undone. Download your data first if you want to keep it.'
      : 'This deletes your account, your invite codes and your links to patients: you no longer see their data. Your patients keep their own data. It cannot be undone.';
  const form = h(
    'form',
    { class: 'narrow', 'aria-label': 'Delete my account' },
    h('p', {}, gone),
    h('div', { class: 'fields one' }, field('Your password', pw), field('Type your email address to confirm', confirm, me.email)),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (confirm.value.trim().toLowerCase() !== me.email) {
      status.textContent = 'Type your email address exactly as shown to confirm.';
      status.classList.add('error');
      return;
    }
    submit.disabled = true;
    try {
      await account.deleteAccount(pw.value, confirm.value);
      ctx.root.replaceChildren(
        h('h1', { tabindex: '-1' }, 'Your account is deleted'),
        h('p', {}, 'Your account and everything kept about it are gone from this server.'),
        h('p', {}, h('a', { href: '/' }, 'Back to the start page')),
      );
    } catch (err) {
      fail(status, err, 'That password is not right.');
      submit.disabled = false;
    }
  });
  return h('section', { class: 'danger-zone' }, h('h2', {}, 'Delete your account'), form);
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
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Set new password');
  const form = h(
    'form',
    { class: 'narrow' },
    h('div', { class: 'fields one' }, field('Email', email), field('Recovery code', code, 'The code you wrote down when you made your account, like 7K2M-QX9P-3RTV-8WBN.'), field('New password', next, 'At least 8 characters.')),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const r = await account.resetPassword(email.value.trim(), code.value, next.value);
      await api.login(email.value.trim(), next.value);
      const go = h('button', { type: 'button', class: 'primary' }, 'I have written it down, continue');
      go.addEventListener('click', () => ctx.navigate(r.user.role === 'clinician' ? '/clinician' : '/'));
      ctx.root.replaceChildren(
        h('h1', { tabindex: '-1' }, 'Your new password is set'),
        h('p', {}, 'You are signed in. Every other device was signed out. Your old recovery code is used up; here is your new one.'),
        recoveryCodeBox(r.recovery_code),
        h('div', { class: 'actions' }, go),
      );
    } catch (err) {
      fail(status, err, 'That email and recovery code do not match. Check the code and try again.');
      submit.disabled = false;
    }
  });
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Forgot your password?'),
    h('p', {}, 'Use the recovery code you wrote down when you made your account. Lost it too? Ask the person who runs this service for a new code.'),
    form,
    h('p', {}, h('a', { href: '/login' }, 'Back to sign in')),
  );
}
