// "Report an issue": a button on every page that opens a short form (what
// happened, what you expected). The report carries a screenshot of the
// page as it was when the button was pressed, with the camera picture
// left out (screenshot.ts), the app's version and page, and, only if the
// person ticks the box, the landmark recording of the current session. It
// goes to our own server (POST /api/v1/issue-reports) and nowhere else.
import { api, ApiError } from '../api';
import { h, uid } from '../dom';
import { Recorder } from '../recording';
import { pageScreenshot, SKIP_ATTR, type Screenshot } from './screenshot';
import './report.css';
import { t } from '../i18n';
import { limitChars, MAX_ISSUE_TEXT_CHARS } from '../components/text-limit';
import type { SchemaIssueReport, SchemaIssueReportRequest } from '../openapi.gen';

/** IssueReportBody is what the form sends. */
export type IssueReportBody = SchemaIssueReportRequest;
export type IssueReport = SchemaIssueReport;

/** sendIssueReport files a report with the server. */
export function sendIssueReport(body: IssueReportBody): Promise<IssueReport> {
  return api.request<IssueReport>('POST', '/issue-reports', body);
}

/** sessionRecording is the landmark recording this page view made most recently, if it has frames. */
function sessionRecording(): Recorder | undefined {
  const r = Recorder.latest;
  return r && r.frames.length > 0 ? r : undefined;
}

/** reportIssueButton returns the button and its dialog; put it in the layout once. */
export function reportIssueButton(version: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'report-issue-button', [SKIP_ATTR]: true }, t('issue.reportAnIssue'));
  const what = h('textarea', { name: 'what', rows: '4', required: true });
  const expected = h('textarea', { name: 'expected', rows: '3' });
  const whatCount = limitChars(what, MAX_ISSUE_TEXT_CHARS);
  const expectedCount = limitChars(expected, MAX_ISSUE_TEXT_CHARS);
  const attach = h('input', { type: 'checkbox', name: 'attach_recording' });
  const attachId = uid('attach');
  attach.id = attachId;
  const attachLabel = h('label', { for: attachId }, t('issue.attachTheLandmarkRecording'));
  const attachRow = h('div', { class: 'field checkbox' }, attach, attachLabel);
  const preview = h('img', { class: 'report-preview', alt: t('issue.theScreenshotThatWill') });
  const status = h('p', { class: 'report-status', role: 'status', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary' }, t('issue.sendReport'));
  const cancel = h('button', { type: 'button' }, t('issue.cancel'));
  const whatId = uid('what');
  const expId = uid('expected');
  what.id = whatId;
  expected.id = expId;
  const titleId = uid('report-title');
  // The parts of the form that are put away once the report is sent, so
  // that the dialog cannot send the same report twice.
  const entry = h(
    'div',
    {},
    h('p', { class: 'hint' }, t('issue.thisGoesToThe')),
    h('div', { class: 'field' }, h('label', { for: whatId }, t('issue.whatHappened')), what, whatCount),
    h('div', { class: 'field' }, h('label', { for: expId }, t('issue.whatDidYouExpect')), expected, expectedCount),
    attachRow,
    h('figure', { class: 'report-shot' }, preview, h('figcaption', {}, t('issue.screenshotOfThisPage'))),
  );
  const form = h(
    'form',
    { method: 'dialog', class: 'report-form' },
    h('h2', { id: titleId }, t('issue.reportAnIssue')),
    entry,
    status,
    h('div', { class: 'actions' }, send, cancel),
  );
  const dialog = h('dialog', { class: 'report-dialog', 'aria-labelledby': titleId, [SKIP_ATTR]: true }, form);
  let shot: Screenshot | undefined;
  let recording: Recorder | undefined;

  button.addEventListener('click', async () => {
    status.textContent = '';
    delete status.dataset.reportId;
    entry.hidden = false;
    send.hidden = false;
    send.disabled = false;
    cancel.textContent = t('issue.cancel');
    button.disabled = true;
    try {
      shot = await pageScreenshot();
      preview.src = shot.dataURL;
      preview.hidden = false;
    } catch (e) {
      shot = undefined;
      preview.hidden = true;
      status.textContent = t('issue.noScreenshot', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      button.disabled = false;
    }
    recording = sessionRecording();
    attach.checked = false;
    attachRow.hidden = !recording;
    if (recording) attachLabel.textContent = t('issue.attachRecording', { frames: recording.frames.length });
    if (!dialog.isConnected) document.body.append(dialog);
    dialog.showModal();
    what.focus();
  });
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!what.value.trim()) {
      status.textContent = t('issue.pleaseSayWhatHappened');
      what.focus();
      return;
    }
    send.disabled = true;
    status.textContent = 'Sending…';
    const body: IssueReportBody = { what: what.value, expected: expected.value, app_version: version, page: location.pathname };
    if (shot) body.screenshot_png = shot.dataURL;
    if (attach.checked && recording) body.recording = recording.text();
    try {
      const rep = await sendIssueReport(body);
      status.textContent = t('issue.sent', { id: String(rep.id) });
      status.dataset.reportId = String(rep.id);
      for (const box of [what, expected]) {
        box.value = '';
        box.dispatchEvent(new Event('input'));
      }
      // Sent: the form is put away and the dialog offers only Close.
      entry.hidden = true;
      send.hidden = true;
      cancel.textContent = t('issue.close');
      cancel.focus();
    } catch (err) {
      status.textContent =
        err instanceof ApiError && err.status === 401
          ? t('issue.pleaseSignInFirst')
          : t('issue.notSent', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      send.disabled = false;
    }
  });
  return button;
}
