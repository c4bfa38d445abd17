// The patient's history: pain and screening measures over time, sessions,
// and the recordings with skeleton replays.
import { h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { progressView } from '../components/progress';

export async function renderHistory(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Your history', 'patient');
  if (!me) return;
  ctx.root.append(h('h1', { tabindex: '-1' }, 'Your history'), await progressView());
}
