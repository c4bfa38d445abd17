// The issue reports a person may see, as a section for a page: a patient's
// own, or a linked patient's on the clinician dashboard. Each shows what
// happened and what was expected, with links to the screenshot and the
// recording when they were attached.
import { formatDateTime } from '../format';
import { api } from '../api';
import { h } from '../dom';
import type { IssueReport } from './report';
import { t } from '../i18n';

/** issueReportsSection lists the reports of patient (a clinician's linked patient), or the caller's own when omitted. */
export async function issueReportsSection(patient?: number): Promise<HTMLElement> {
  const list = await api.request<IssueReport[]>('GET', `/issue-reports${patient ? `?patient=${patient}` : ''}`);
  const section = h('section', { 'aria-labelledby': 'issue-reports-title', class: 'issue-reports' }, h('h2', { id: 'issue-reports-title' }, t('issue.reportedIssues')));
  if (list.length === 0) {
    section.append(h('p', {}, t('issue.noIssuesReported')));
    return section;
  }
  section.append(
    h(
      'ul',
      {},
      ...list.map((r) =>
        h(
          'li',
          { 'data-report-id': String(r.id) },
          h('p', {}, h('strong', {}, formatDateTime(r.created_at)), t('issue.onPage', { page: r.page || t('issue.unknownPage'), version: r.app_version || t('issue.unknownVersion') })),
          h('p', {}, t('issue.whatHappened2'), r.what),
          r.expected ? h('p', {}, t('issue.expected'), r.expected) : null,
          h(
            'p',
            { class: 'actions' },
            r.screenshot_size > 0 ? h('a', { href: `/api/v1/issue-reports/${r.id}/screenshot`, target: '_blank', rel: 'noopener', class: 'button' }, t('issue.screenshotOf', { id: String(r.id) })) : null,
            r.recording_size > 0 ? h('a', { href: `/api/v1/issue-reports/${r.id}/recording`, download: `issue-${r.id}.jsonl`, class: 'button' }, t('issue.recordingOf', { id: String(r.id) })) : null,
          ),
        ),
      ),
    ),
  );
  return section;
}
