// Pages that need a signed-in account call requireUser: it returns the
// user, or renders a calm "please sign in" with a link back here.
import type { User } from '../api';
import { h } from '../dom';
import type { RouteContext } from '../router';
import { data } from './data';
import { notePatient } from './safety';
import { noteRole } from '../layout';
import { t } from '../i18n';

export async function requireUser(ctx: RouteContext, title: string, role?: User['role']): Promise<User | null> {
  const me = await data.me();
  notePatient(me?.role === 'patient');
  noteRole(me?.role ?? null);
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    ctx.root.append(
      h('h1', { tabindex: '-1' }, title),
      h('p', {}, t('auth.signInFirst')),
      h('p', { class: 'actions' }, h('a', { href: `/login?next=${next}`, class: 'button primary' }, t('auth.signIn')), h('a', { href: '/signup', class: 'button' }, t('auth.createAccount'))),
    );
    return null;
  }
  if (role && me.role !== role) {
    ctx.root.append(
      h('h1', { tabindex: '-1' }, title),
      h('p', {}, role === 'clinician' ? t('auth.clinicianOnly') : t('auth.patientOnly')),
      h('p', {}, h('a', { href: role === 'clinician' ? '/' : '/clinician' }, role === 'clinician' ? t('app.notFound.home') : t('auth.toDashboard'))),
    );
    return null;
  }
  return me;
}
