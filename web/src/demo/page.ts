// The demonstrations page (/demos): every exercise of the library and every
// screening test, drawn by the engine from the synthetic body with good
// form, from the camera view the exercise needs; on request each common
// fault side by side with the good form, labelled.
import { field, h, select } from '../dom';
import type { Cleanup, RouteContext } from '../router';
import { animation, demoCatalog, type DemoEntry } from './engine';
import { play, viewWords, type Player } from './player';
import { t } from '../i18n';

export async function renderDemos(ctx: RouteContext): Promise<Cleanup | void> {
  const title = h('h1', { tabindex: '-1' }, t('demos.exerciseDemonstrations'));
  ctx.root.append(title, h('p', { class: 'lead' }, t('demos.watchEachExerciseDone')));
  let cat: DemoEntry[];
  try {
    cat = await demoCatalog();
  } catch (e) {
    ctx.root.append(h('p', { class: 'error', role: 'alert' }, t('demos.loadFailed', { error: e instanceof Error ? e.message : String(e) })));
    return;
  }
  if (ctx.signal.aborted) return;
  const exSel = select(
    'exercise',
    cat.map((e) => [e.exercise, e.screening ? t('demos.screeningTest', { name: e.name }) : e.name] as const),
    ctx.params.get('exercise') ?? cat[0]?.exercise,
  );
  const viewSel = select('view', [], '');
  const faultsBtn = h('button', { type: 'button', 'aria-expanded': 'false' }, t('demos.showCommonFaults'));
  const out = h('div', { class: 'demo-grid', 'aria-live': 'polite', 'data-testid': 'demo-grid' });
  const hiddenNote = h('div', { class: 'demo-hidden-faults' });
  let players: Player[] = [];
  let showFaults = ctx.params.get('faults') === '1';
  let gen = 0;

  const entry = () => cat.find((e) => e.exercise === exSel.value) ?? cat[0]!;
  const fillViews = () => {
    const e = entry();
    viewSel.replaceChildren(...e.views.map((v) => h('option', { value: v }, viewWords(v))));
    const want = ctx.params.get('view');
    if (want && (e.views as readonly string[]).includes(want)) viewSel.value = want;
  };
  const stopAll = () => {
    for (const p of players) p.stop();
    players = [];
  };
  const show = async () => {
    const my = ++gen;
    stopAll();
    const e = entry();
    faultsBtn.textContent = showFaults ? t('demos.hideCommonFaults') : t('demos.showCommonFaults');
    faultsBtn.setAttribute('aria-expanded', String(showFaults));
    const variants = showFaults ? e.variants : e.variants.filter((v) => v.id === 'good');
    out.setAttribute('aria-busy', 'true');
    try {
      const anims = await Promise.all(variants.map((v) => animation(e.exercise, v.id, viewSel.value)));
      if (my !== gen || ctx.signal.aborted) return;
      players = anims.map((a) => play(a, { caption: a.variant === 'good' ? t('demos.goodForm') : t('demos.fault', { label: a.label }) }));
      out.replaceChildren(...players.map((p) => p.el));
    } catch (err) {
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('demos.drawFailed', { error: err instanceof Error ? err.message : String(err) })));
    } finally {
      out.removeAttribute('aria-busy');
    }
    hiddenNote.replaceChildren();
    if (showFaults && e.hidden?.length) {
      hiddenNote.append(
        h('p', {}, t('demos.notShownBecauseA')),
        h('ul', {}, ...e.hidden.map((x) => h('li', {}, `${x.why}.`))),
      );
    }
  };
  exSel.addEventListener('change', () => {
    fillViews();
    void show();
  });
  viewSel.addEventListener('change', () => void show());
  faultsBtn.addEventListener('click', () => {
    showFaults = !showFaults;
    void show();
  });
  fillViews();
  ctx.root.append(
    h('div', { class: 'demo-controls' }, field(t('demos.exercise'), exSel), field(t('demos.cameraView'), viewSel), faultsBtn),
    out,
    hiddenNote,
  );
  await show();
  return stopAll;
}
