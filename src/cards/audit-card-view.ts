/**
 * View-model for the audit card (`adaptiveCards/audit.json`), the answer to `@Ward audit <user>`: whether the
 * hash-chained audit log verified, then the user's action trail newest first (when, event, action, who with
 * which roles, result or reason), each row marked with the start of its record hash. The newest row of each
 * action also says which answer proposed it (question, title, planner) and the sources it cited
 * (`plugin.skill` and the request).
 * It must never build card JSON, read the clock, hide a broken chain, or let tenant text reach the card
 * unescaped. It carries no buttons.
 */
import type { ProposalProvenance } from '../core/actions/proposal-provenance.js';
import { escapeCardText, sanitizePlainText } from './escape-card-text.js';
import { formatAge, formatUtc } from './format-card-time.js';

/** One audit record about the user, as the store returns it. */
export interface AuditCardEntry {
  recordedAt: Date;
  /** "proposed", "confirmed", "approved", "executed", "refused", ... */
  event: string;
  /** The action the record is about, e.g. "entra.resetPassword"; null for events without one. */
  action: string | null;
  /** Who caused the event; null when Ward itself did (expiry, start-up). */
  actor: { name: string | null; roles: string[] } | null;
  /** Why, when the event was a refusal or a cancellation. */
  reason: string | null;
  /** What the action did, when it ran. */
  result: { ok: boolean; message: string; requestIds: string[] } | null;
  /** The record's position in the chain. */
  seq: string;
  /** The record's chain hash (hex). */
  hash: string;
  /** The pending action the record is about: its provenance is shown once, on its newest row. */
  pendingActionId?: string | null;
  /** The answer and sources that proposed the action; absent or null when unknown. */
  proposedBy?: ProposalProvenance | null;
}

/** Everything the audit card shows. */
export interface AuditCardInput {
  /** "Adele Vance (adele.vance@contoso.com)". */
  subject: string;
  /** Records about the subject, in any order; the card shows them newest first. */
  entries: AuditCardEntry[];
  /** Result of verifying the whole audit chain. */
  chain: { ok: true; records: number } | { ok: false; brokenAt: string; reason: string };
  /** The time the card is drawn; ages are computed against it. */
  now: Date;
}

/** A line inside a table cell. */
export interface AuditCellLineView {
  text: string;
  color: 'default' | 'good' | 'attention';
  isSubtle: boolean;
}

/** One row of the audit table. Every string is escaped. */
export interface AuditRowView {
  /** `2026-11-24 14:05 UTC`. */
  when: string;
  /** `2 h ago · #42 · 1a2b3c4d`: age, sequence number and the first 8 characters of the hash. */
  record: string;
  event: string;
  action: string;
  /** `Patti Fernandez (responder, approver)`, or `—`. */
  who: string;
  /** Result (coloured by outcome), request ids and reason; at least one line. */
  outcome: AuditCellLineView[];
}

/** What `adaptiveCards/audit.json` binds to. */
export interface AuditCardView {
  subject: string;
  chain: { text: string; color: 'good' | 'attention' };
  rows: AuditRowView[];
  /** "+N older records", or empty when every record is shown. */
  older: string;
  /** "No actions have been recorded for this user." when there are no rows, else empty. */
  empty: string;
  /** "As of 2026-11-24 16:07 UTC". */
  asOf: string;
}

/** How many records the audit card lists; older ones are counted, not shown. */
export const auditRowLimit = 25;

/** How many of a proposal's sources a row names; the rest are counted. */
export const auditSourceLimit = 4;

/** Shown instead of the table when the subject has no records. */
export const emptyAuditText = 'No actions have been recorded for this user.';

/** Builds the audit card's view-model. Pure: the same input always gives the same view. */
export function toAuditCardView(input: AuditCardInput): AuditCardView {
  const newestFirst = [...input.entries].sort(
    (left, right) =>
      right.recordedAt.getTime() - left.recordedAt.getTime() ||
      right.seq.localeCompare(left.seq, 'en', { numeric: true }),
  );
  const hidden = newestFirst.length - auditRowLimit;
  return {
    subject: escapeCardText(input.subject, { maxLength: 300 }),
    chain: input.chain.ok
      ? {
          text: `Audit chain verified: ${input.chain.records} ${input.chain.records === 1 ? 'record' : 'records'}`,
          color: 'good',
        }
      : {
          text: `Audit chain BROKEN at record #${escapeCardText(input.chain.brokenAt, {
            maxLength: 40,
          })}: ${escapeCardText(input.chain.reason, { maxLength: 500 })}`,
          color: 'attention',
        },
    rows: newestFirst.slice(0, auditRowLimit).map((entry, index, shown) => {
      const row = toRow(entry, input.now);
      // The provenance once per action, on its newest row (the list is newest first).
      const first = shown.findIndex((other) => sameAction(other, entry)) === index;
      if (first && entry.proposedBy) {
        const lines = describeProvenance(entry.proposedBy);
        row.outcome = row.outcome[0]?.text === '—' ? lines : [...row.outcome, ...lines];
      }
      return row;
    }),
    older: hidden > 0 ? `+${hidden} older ${hidden === 1 ? 'record' : 'records'}` : '',
    empty: newestFirst.length === 0 ? emptyAuditText : '',
    asOf: `As of ${formatUtc(input.now)}`,
  };
}

function toRow(entry: AuditCardEntry, now: Date): AuditRowView {
  const shortHash = Array.from(sanitizePlainText(entry.hash, { maxLength: 200 }))
    .slice(0, 8)
    .join('');
  return {
    when: formatUtc(entry.recordedAt),
    record: escapeCardText(
      `${formatAge(entry.recordedAt, now)} · #${sanitizePlainText(entry.seq, { maxLength: 40 })} · ${shortHash}`,
      { maxLength: 80 },
    ),
    event: escapeCardText(entry.event, { maxLength: 60 }),
    action: entry.action === null ? '—' : escapeCardText(entry.action, { maxLength: 80 }),
    who: describeActor(entry.actor),
    outcome: describeOutcome(entry),
  };
}

/** `Patti Fernandez (responder, approver)`, `Unknown (responder)`, or `—` when Ward acted on its own. */
function describeActor(actor: AuditCardEntry['actor']): string {
  if (actor === null) return '—';
  const name = actor.name === null ? '' : sanitizePlainText(actor.name, { maxLength: 120 });
  const roles =
    actor.roles.length === 0 ? '' : ` (${sanitizePlainText(actor.roles.join(', '), { maxLength: 200 })})`;
  return escapeCardText(`${name === '' ? 'Unknown' : name}${roles}`, { maxLength: 340 });
}

/** The result (good or attention), its request ids (subtle) and the reason; `—` when there is none. */
function describeOutcome(entry: AuditCardEntry): AuditCellLineView[] {
  const lines: AuditCellLineView[] = [];
  if (entry.result !== null) {
    const message = sanitizePlainText(entry.result.message, { maxLength: 400 });
    const verdict = entry.result.ok ? 'Succeeded' : 'Failed';
    lines.push({
      text: escapeCardText(message === '' ? verdict : `${verdict}: ${message}`, { maxLength: 420 }),
      color: entry.result.ok ? 'good' : 'attention',
      isSubtle: false,
    });
    if (entry.result.requestIds.length > 0) {
      lines.push({
        text: escapeCardText(`Request ids: ${entry.result.requestIds.join(', ')}`, { maxLength: 300 }),
        color: 'default',
        isSubtle: true,
      });
    }
  }
  if (entry.reason !== null && entry.reason.trim() !== '') {
    lines.push({
      text: escapeCardText(`Reason: ${entry.reason}`, { maxLength: 500 }),
      color: 'default',
      isSubtle: false,
    });
  }
  return lines.length > 0 ? lines : [{ text: '—', color: 'default', isSubtle: false }];
}

/** Two records about the same proposed action (or, without a pending action id, the same answer). */
function sameAction(left: AuditCardEntry, right: AuditCardEntry): boolean {
  if (left.pendingActionId && right.pendingActionId) return left.pendingActionId === right.pendingActionId;
  return (
    left.proposedBy?.answerId !== undefined &&
    left.proposedBy.answerId === right.proposedBy?.answerId &&
    left.action === right.action
  );
}

/**
 * `Proposed by “Adele Vance is at high risk” — asked “is adele compromised?” (rules planner)` and
 * `Sources: S1 entra.riskyUser · GET /v1.0/…; S2 …`, subtle; an answer no longer stored is named by its id.
 */
function describeProvenance(provenance: ProposalProvenance): AuditCellLineView[] {
  const planner =
    provenance.planner === null
      ? ''
      : provenance.planner === 'rules'
        ? ' (rules planner)'
        : ` (model ${sanitizePlainText(provenance.planner, { maxLength: 80 })})`;
  const answer =
    provenance.title === null
      ? `Proposed by answer ${provenance.answerId} (no longer stored)`
      : `Proposed by “${sanitizePlainText(provenance.title, { maxLength: 160 })}” — asked “${sanitizePlainText(
          provenance.question ?? '',
          { maxLength: 160 },
        )}”${planner}`;
  const lines: AuditCellLineView[] = [
    { text: escapeCardText(answer, { maxLength: 420 }), color: 'default', isSubtle: true },
  ];
  if (provenance.sources.length > 0) {
    const named = provenance.sources.slice(0, auditSourceLimit).map((source) => {
      const request =
        source.request === null ? '' : ` · ${sanitizePlainText(source.request, { maxLength: 160 })}`;
      return `${source.id} ${sanitizePlainText(source.ref, { maxLength: 80 })}${request}`;
    });
    const more = provenance.sources.length - named.length;
    lines.push({
      text: escapeCardText(`Sources: ${named.join('; ')}${more > 0 ? `; +${more} more` : ''}`, {
        maxLength: 900,
      }),
      color: 'default',
      isSubtle: true,
    });
  }
  return lines;
}
