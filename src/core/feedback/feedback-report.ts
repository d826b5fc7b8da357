/**
 * `@Ward feedback report`: how Ward's answers were rated over the last 14 days, for Ward admins only (the
 * report quotes analysts' comments on answers from every conversation). The asker's roles are resolved the
 * way guarded actions resolve a clicker's (directly or through groups); anyone else is told politely what the
 * report needs. Host-neutral: the host renders the report.
 */
import type { Store } from '../../store/create-store.js';
import { type RoleResolver, satisfies } from '../actions/resolve-roles.js';
import { type FeedbackReport, reportWindowStart, summariseFeedback } from './summarise-feedback.js';

export type FeedbackReportOutcome =
  | { kind: 'report'; report: FeedbackReport }
  | { kind: 'refused'; reason: string };

/** Days the report covers, today included. */
export const FEEDBACK_REPORT_DAYS = 14;
/** Most feedback rows the report reads; beyond it the report says it is incomplete. */
const MAX_ROWS = 5_000;

export interface FeedbackReportRequest {
  /** Entra object id of the analyst asking. */
  clicker?: string;
}

/** The report, or why the asker may not see it. */
export async function feedbackReport(
  dependencies: { store: Store; roles: RoleResolver },
  request: FeedbackReportRequest,
  now: Date,
): Promise<FeedbackReportOutcome> {
  const { roles, warning } = await dependencies.roles.rolesOf(request.clicker, AbortSignal.timeout(8_000));
  if (!satisfies(roles, 'admin')) {
    const held = roles.length ? `you hold ${roles.join(', ')}` : 'you hold no Ward role';
    return {
      kind: 'refused',
      reason: `Sorry, the feedback report is for Ward admins (it quotes comments from every conversation); ${held}. Ask an admin to share it.${warning ? ` ${warning}` : ''}`,
    };
  }
  const since = reportWindowStart(now, FEEDBACK_REPORT_DAYS);
  const rows = await dependencies.store.feedback.listWithAnswers({ since, limit: MAX_ROWS, order: 'newest' });
  return {
    kind: 'report',
    report: summariseFeedback(rows, {
      now,
      days: FEEDBACK_REPORT_DAYS,
      truncated: rows.length >= MAX_ROWS,
    }),
  };
}
