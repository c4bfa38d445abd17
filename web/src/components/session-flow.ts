// The guided session's course, from "Start session" to the saved session:
// each hold (the guard told it started; a pause keeps the camera off), its
// end (the target reached or "End this hold": words that match it, the
// camera off until the next one), the report after it (told to the guard,
// the hold's landmarks uploaded), and the save (finished, stopped by the
// person or the guard, or the page left). The guard decides (package guard
// in the engine, replayed over all of the session's events); this only
// tells it and follows its answer. The parts are the page's components.
import { t } from '../i18n';
import { h } from '../dom';
import { errorText } from '../pages/common';
import type { Decision, GuardEvent, GuardInput, GuardResult } from './core';
import { holdEndWords } from './cues';
import type { SessionBody } from './data';
import type { GuardPanel } from './guard-panel';
import type { HoldAnswers, HoldReport, PainBefore } from './session-forms';
import type { ExercisePicker } from './session-exercise';
import type { HoldTrack, SessionLive } from './session-live';
import type { SessionDone } from './session-done';
import { leftPage, SessionLog, type Upload } from './session-log';

/** The page's components a session runs through. */
export interface SessionParts {
  picker: ExercisePicker;
  before: PainBefore;
  live: SessionLive;
  report: HoldReport;
  panel: GuardPanel;
  done: SessionDone;
  status: HTMLElement;
  /** Speaks to the person (components/speech). */
  say: (text: string) => void;
}

/** What a session calls outside the page: the engine's guard, the server, the browser. */
export interface SessionServices {
  guard(input: GuardInput): Promise<GuardResult>;
  /** Uploads a hold's recording (JSON Lines) and returns the stored recording and its measures. */
  upload(text: string): Promise<Upload>;
  post(body: SessionBody): Promise<unknown>;
  /** Posts the session while the page closes (sendAsPageCloses). */
  postAsPageCloses(body: SessionBody): void;
  /** Holds the page while the session runs (components/leave); returns the release. */
  holdPage(message: string, onStay: () => void): () => void;
}

export class GuidedSession {
  /** "Next hold" and "Finish session", under the report. */
  readonly actions: HTMLElement;
  private readonly next: HTMLButtonElement;
  private readonly finish: HTMLButtonElement;
  private readonly p: SessionParts;
  private readonly s: SessionServices;
  private readonly log: SessionLog;
  private result: GuardResult | undefined;
  private rep = 0;
  private t0 = 0;
  private finished = false;
  /** Lets go of the page once the session is saved (components/leave). */
  private release: (() => void) | undefined;
  private readonly track: HoldTrack = { now: () => this.now(), held: (s) => this.log.held(s), reached: () => this.endOfHold() };

  constructor(planId: number, parts: SessionParts, services: SessionServices) {
    this.p = parts;
    this.s = services;
    this.log = new SessionLog(planId);
    this.next = h('button', { type: 'button', class: 'primary', hidden: true }, t('session.nextHold'));
    this.finish = h('button', { type: 'button', hidden: true }, t('session.finish'));
    this.actions = h('div', { class: 'actions' }, this.next, this.finish);
    const stopNow = () => void this.save(t('session.youStopped'));
    parts.before.begin.addEventListener('click', () => void this.begin());
    parts.live.endHold.addEventListener('click', () => this.endOfHold());
    parts.live.stop.addEventListener('click', stopNow);
    parts.report.save.addEventListener('click', () => void this.saveReport());
    parts.report.stop.addEventListener('click', stopNow);
    this.next.addEventListener('click', () => void this.startHold());
    this.finish.addEventListener('click', () => void this.save());
  }

  private now(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** tell tells the guard the events and shows its answer; it returns the most serious fresh decision. */
  private async tell(...evs: GuardEvent[]): Promise<Decision> {
    const { before, picker } = this.p;
    const dose = picker.dose;
    this.log.events.push(...evs);
    const input: GuardInput = { back_pain: before.back.value() ?? 0, leg_pain: before.leg.value() ?? 0, ...(dose.limit ? { limit: dose.limit } : {}), effort: dose.effort, max_intensity: picker.item.dose.max_intensity, events: this.log.events };
    this.result = await this.s.guard(input);
    return this.p.panel.show(this.result, this.result.decisions.slice(-evs.length));
  }

  /** begin is "Start session": the pain before must be chosen; then the camera, and the first hold. */
  private async begin(): Promise<void> {
    const { before, picker, live, report, status } = this.p;
    if (!before.answers()) return;
    before.begin.disabled = true;
    picker.locked = true;
    try {
      await live.startCamera();
      this.log.started = new Date();
      this.t0 = performance.now();
      this.release = this.s.holdPage(t('session.leaveHold'), () => {
        if (live.view.isOn) live.view.on();
      });
      before.el.hidden = true;
      // The live view and the report after each hold go first; the steps stay below them.
      picker.field.hidden = true;
      picker.info.before(live.view.el);
      picker.info.before(report.el);
      await this.startHold();
    } catch (err) {
      status.textContent = t('live.couldNotStart', { error: errorText(err) });
      before.begin.disabled = false;
      picker.locked = false;
      await live.close();
    }
  }

  private async startHold(): Promise<void> {
    const { live, report, picker } = this.p;
    this.rep++;
    this.next.hidden = true;
    this.finish.hidden = true;
    report.el.hidden = true;
    live.announce(picker.item, picker.dose, this.rep);
    const d = await this.tell({ kind: 'set_started', t: this.now(), exercise: picker.item.exercise });
    if (this.result?.state === 'paused') {
      live.view.show(d.message);
      this.p.say(d.message);
      live.hide();
      report.paused = true;
      report.el.hidden = false;
      return;
    }
    this.p.say(d.message);
    if (!(await live.begin(picker.item, picker.dose, this.rep, this.track))) return;
    report.clear();
    this.log.openSet(picker.item.exercise);
  }

  private endOfHold(): void {
    const { live, report, picker } = this.p;
    if (!live.end()) return;
    // The hold counts its longest good-form repetition (the coach's timer starts again at each reach).
    const words = holdEndWords(picker.dose.effort, this.log.heldS, picker.dose.targetS);
    this.p.say(words);
    // Between holds the camera is off; the next hold opens it again.
    live.rest();
    report.open(words, this.log.heldS);
  }

  /** saveReport is "Save this hold": every slider chosen, the report goes to the guard, whose answer says what follows. */
  private async saveReport(): Promise<void> {
    const { report, live } = this.p;
    const a = report.answers();
    if (!a) return;
    report.save.disabled = true;
    try {
      const top = await this.tell(...this.reportEvents(a));
      if (!report.paused) this.log.report(a, await this.uploadSet());
      this.p.say(top.message);
      if (this.result?.state === 'stopped' || this.result?.state === 'seek_care') {
        live.view.show(top.message);
        return this.save(top.message);
      }
      const paused = this.result?.state === 'paused';
      report.paused = paused;
      report.retitle(paused);
      if (paused) return;
      report.el.hidden = true;
      // Finishing early is always offered; the next hold only while reps remain.
      this.next.hidden = this.rep >= this.p.picker.dose.reps;
      this.finish.hidden = false;
    } catch (err) {
      this.p.status.textContent = errorText(err);
    } finally {
      report.save.disabled = false;
    }
  }

  /** reportEvents are the guard's events of a report: the hold's end (unless told already, or paused), then the answers. */
  private reportEvents(a: HoldAnswers): GuardEvent[] {
    const at = this.now();
    const exercise = this.p.picker.item.exercise;
    const evs: GuardEvent[] = [];
    if (this.log.events[this.log.events.length - 1]?.kind !== 'set_ended' && !this.p.report.paused) {
      evs.push(...this.p.live.takeAngles(), { kind: 'set_ended', t: at, exercise });
    }
    evs.push({ kind: 'intensity', t: at, value: a.intensity, exercise }, { kind: 'pain', t: at, value: a.pain, location: 'back' }, { kind: 'pain', t: at, value: a.leg_pain, location: 'leg' });
    return evs;
  }

  /** uploadSet uploads the hold's landmarks, when a person was seen; a failure is said and the hold kept without them. */
  private async uploadSet(): Promise<Upload> {
    const rec = this.p.live.takeRecording();
    if (!rec || rec.detected === 0) return {};
    try {
      return await this.s.upload(rec.text());
    } catch (err) {
      this.p.status.textContent = t('session.uploadFailed', { error: errorText(err) });
      return {};
    }
  }

  private body(stopped?: string): SessionBody {
    const { before, picker } = this.p;
    return this.log.body({ exercise: picker.item.exercise, painBefore: before.back.value(), legPainBefore: before.leg.value(), ended: new Date(), ...(stopped ? { stopped } : {}) });
  }

  /** save ends the session and saves it, once: stopped says why it ended early (absent when finished). */
  private async save(stopped?: string): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const { live, report, before, picker, done, panel, status } = this.p;
    // A hold stopped before its report is saved is an aborted set: its time and landmarks, and no pain (nobody entered any).
    if (stopped && this.log.isOpen) this.log.abort(await this.uploadSet());
    await live.close();
    this.p.say(stopped ? '' : t('session.doneSpoken'));
    live.hide();
    for (const el of [report.el, before.el, this.next, this.finish]) el.hidden = true;
    try {
      await this.s.post(this.body(stopped));
      this.release?.();
      done.saved(stopped, this.log.sets.length);
    } catch (err) {
      this.release?.();
      done.failed(err);
    }
    // The outcome first, then the guard's decision that holds; the steps are no longer needed.
    panel.ended();
    picker.info.hidden = true;
    status.textContent = t('live.cameraOff');
    done.showBefore(panel.el);
  }

  /**
   * pageHide is for the window's pagehide: the page closes or reloads during
   * the session (the browser asked first), so what was done is posted as it closes.
   */
  readonly pageHide = (): void => {
    if (this.finished || !this.release) return;
    this.finished = true;
    this.s.postAsPageCloses(this.body(leftPage()));
  };

  /** leave is for leaving the page: during the session (the person agreed to go) it is saved as stopped early; the camera closes. */
  leave(): void {
    if (this.release && !this.finished) void this.save(leftPage());
    void this.p.live.close();
  }
}
