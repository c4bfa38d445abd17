// The demonstrations the Go engine draws (package demo, exported by
// cmd/stretchwise-wasm as demoCatalog and demo): the synthetic body
// performing each exercise, as frames of 33 image landmarks. Nothing is
// fetched but the engine itself, so demonstrations work offline.
import { EngineError, loadEngine, type RawEngine } from '../engine';
import type { Animation, DemoEntry, DemoRequest, EngineErrorAnswer } from '../engine.gen';

// The demonstrations' types are Go's (package demo), generated: engine.gen.
export type { Animation, DemoEntry, DemoPhase, DemoVariant } from '../engine.gen';

/** The engine's demonstration functions; an engine built before them lacks them. */
type DemoRaw = Partial<Pick<RawEngine, 'demoCatalog' | 'demo'>>;

function parse<T>(text: string): T {
  const out = JSON.parse(text) as Partial<EngineErrorAnswer> | null;
  if (out && typeof out === 'object' && 'error' in out && out.error) throw new EngineError(out.error.code, out.error.message);
  return out as unknown as T;
}

async function raw(): Promise<Required<DemoRaw>> {
  await loadEngine();
  const r = (globalThis as unknown as { stretchwiseEngine?: DemoRaw }).stretchwiseEngine;
  if (!r?.demo || !r.demoCatalog) throw new Error('this engine has no demonstrations: rebuild the web app (make web)');
  return r as Required<DemoRaw>;
}

let catalog: Promise<DemoEntry[]> | undefined;

/** demoCatalog lists every exercise and screening test with a demonstration. */
export function demoCatalog(): Promise<DemoEntry[]> {
  catalog ??= raw().then((r) => parse<DemoEntry[]>(r.demoCatalog()));
  catalog.catch(() => (catalog = undefined));
  return catalog;
}

const cache = new Map<string, Animation>();

/** animation returns the demonstration of an exercise in a variant ("good" or a fault id) from a view ("" for its default). */
export async function animation(exercise: string, variant = 'good', view = ''): Promise<Animation> {
  const key = `${exercise}|${variant}|${view}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = await raw();
  const a = parse<Animation>(r.demo(JSON.stringify({ exercise, variant, view } as DemoRequest)));
  cache.set(key, a);
  return a;
}
