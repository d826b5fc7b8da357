/**
 * View-model for the compact card a "Re-run" of a finding posts (`adaptiveCards/source-rerun.json`):
 * "Re-run of S3 · entra.signIns", when it ran and for whom, whether it answered and how fast, its inputs, the
 * request (KQL whole, in monospace), and what changed since the answer's snapshot — the count then and now
 * and the first new items, or which fields of a record changed. Tenant text (new items, errors, requests) is
 * escaped here. It must never build card JSON, read the clock or carry a button.
 */
import type { SourceRerunReport } from '../core/rerun-source.js';
import { escapeCardText } from './escape-card-text.js';
import { formatUtc } from './format-card-time.js';
import { describeInputs, formatMs, type HowRequestView, toRequestView } from './how-i-got-this-view.js';

/** What `adaptiveCards/source-rerun.json` binds to. */
export interface SourceRerunCardView {
  /** `Re-run of S3 · entra.signIns`. */
  title: string;
  /** `Ran 2026-11-24 14:05 UTC for Patti Fernandez · Microsoft Entra ID 1.2.0`. */
  ran: string;
  outcome: { text: string; color: 'good' | 'attention' };
  /** Empty hides it. */
  inputs: string;
  requests: HowRequestView[];
  /** The comparison with the snapshot, one line each; the first is the headline. */
  changes: { text: string; weight: 'Bolder' | 'Default' }[];
  /** The first new items, escaped; empty hides the list. */
  newItems: { text: string }[];
  /** `Snapshot: answer 5f0c… of 2026-11-24 12:00 UTC (answered in 120 ms)`. */
  snapshot: string;
}

/** Builds the re-run card's view-model. Pure. */
export function toSourceRerunCardView(
  report: SourceRerunReport,
  options: { clicker?: string } = {},
): SourceRerunCardView {
  const who = options.clicker ? ` for ${options.clicker}` : '';
  const duration = report.durationMs === undefined ? '' : ` in ${formatMs(report.durationMs)}`;
  const budget = { left: 6_000 };
  return {
    title: escapeCardText(`Re-run of ${report.sourceId} · ${report.ref}`, { maxLength: 200 }),
    ran: escapeCardText(`Ran ${formatUtc(report.ranAt)}${who} · ${report.service}`, { maxLength: 300 }),
    outcome: report.ok
      ? { text: `Answered${duration}`, color: 'good' }
      : {
          text: escapeCardText(`Failed${duration}: ${report.error ?? 'no reason was given'}`, {
            maxLength: 600,
          }),
          color: 'attention',
        },
    inputs: describeInputs(report.input),
    requests: report.requests.slice(0, 3).map((request) => toRequestView(request, budget)),
    changes: describeChanges(report),
    newItems:
      report.comparison.kind === 'list'
        ? report.comparison.newItems.map((item) => ({
            text: escapeCardText(`New: ${item}`, { maxLength: 240 }),
          }))
        : [],
    snapshot: escapeCardText(
      `Snapshot: answer ${report.answerId} of ${formatUtc(report.snapshot.takenAt)}${
        report.snapshot.durationMs === null ? '' : ` (answered in ${formatMs(report.snapshot.durationMs)})`
      }${report.snapshot.pluginVersion ? ` · plugin ${report.snapshot.pluginVersion}` : ''}`,
      { maxLength: 300 },
    ),
  };
}

function describeChanges(report: SourceRerunReport): SourceRerunCardView['changes'] {
  const comparison = report.comparison;
  switch (comparison.kind) {
    case 'unavailable':
      return [
        {
          text: escapeCardText(`No comparison: ${comparison.reason}.`, { maxLength: 400 }),
          weight: 'Default',
        },
      ];
    case 'record':
      return [
        {
          text: comparison.changed
            ? escapeCardText(`Changed since the snapshot: ${comparison.changedFields.join(', ')}`, {
                maxLength: 400,
              })
            : 'No change since the snapshot',
          weight: 'Bolder',
        },
        ...(comparison.approximate
          ? [
              {
                text: 'The snapshot was stored cut (over 256 KB): the comparison is approximate.',
                weight: 'Default' as const,
              },
            ]
          : []),
      ];
    case 'list': {
      const lines: SourceRerunCardView['changes'] = [
        {
          text: `Then ${plural(comparison.before, 'item')} · now ${plural(comparison.after, 'item')}`,
          weight: 'Bolder',
        },
        {
          text:
            comparison.added === 0 && comparison.removed === 0 && comparison.changed === 0
              ? 'No new, gone or changed items since the snapshot'
              : escapeCardText(
                  `${comparison.added} new · ${comparison.removed} gone · ${comparison.changed} changed since the snapshot${
                    comparison.changedFields.length > 0 ? ` (${comparison.changedFields.join(', ')})` : ''
                  }`,
                  { maxLength: 400 },
                ),
          weight: 'Default',
        },
      ];
      if (comparison.approximate) {
        lines.push({
          text: 'Only part of the items was kept (the source lists its first rows, or the snapshot was stored cut): new, gone and changed are counted among those.',
          weight: 'Default',
        });
      }
      return lines;
    }
  }
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : `${noun}s`}`;
}
