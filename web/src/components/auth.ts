// Pages that need a signed-in account call requireUser: it returns the
// user, or renders a calm "please sign in" with a link back here.
import type { User } from '../api';
import { h } from '../dom';
import type { RouteContext } from '../router';
import { data } from './data';
import { notePatient } from './safety';

export async function requireUser(ctx: RouteContext, title: string, role?: User['role']): Promise<User | null> {
  const me = await data.me();
  notePatient(me?.role === 'patient');
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    ctx.root.append(
      h('h1', { tabindex: '-1' }, title),
      h('p', {}, 'Please sign in first. Your answers and results are kept in your own account.'),
      h('p', { class: 'actions' }, h('a', { href: `/login?next=${next}`, class: 'button primary' }, 'Sign in'), h('a', { href: '/signup', class: 'button' }, 'Create an account')),
    );
    return null;
  }
  if (role && me.role !== role) {
    ctx.root.append(
      h('h1', { tabindex: '-1' }, title),
      h('p', {}, role === 'clinician' ? 'This page is for clinician accounts.' : 'This page is for patient accounts. As a clinician, see your patients on the dashboard.'),
      h('p', {}, h('a', { href: role === 'clinician' ? '/' : '/clinician' }, role === 'clinician' ? 'Go to the start page' : 'Go to the dashboard')),
    );
    return null;
  }
  return me;
}
