// The patient's history: pain and screening measures over time, sessions,
// and the recordings with skeleton replays.
import { h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { progressView } from '../components/progress';
import { t } from '../i18n';

export async function renderHistory(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, t('history.yourHistory'), 'patient');
  if (!me) return;
  ctx.root.append(h('h1', { tabindex: '-1' }, t('history.yourHistory')), await progressView());
}
