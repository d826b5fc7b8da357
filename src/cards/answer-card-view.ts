/**
 * Turns a validated Answer (plus the stored pending actions, feedback and an optional notice) into the plain
 * view-model that `adaptiveCards/answer.json` binds to: every string formatted, escaped and bounded, every
 * section present (empty when there is nothing to show) so the template never meets an undefined field.
 * Each stored action is either a button (proposed, or awaiting a second person's approval) or a status line
 * in the "Actions" section (awaiting approval, working, done, failed, expired, cancelled, refused).
 * The answer's own notices split in two: how it was made (planted instructions ignored, a budget ran out, the
 * rules answered instead of the model) as alerts under the header, and usage warnings small in the footer.
 * Notices quote tenant text (a planted instruction), so they are escaped like everything else. A rerunnable
 * answer (a hunt) gets a "Run again" button that carries only the answer's id.
 * It must never build card JSON, read the clock, or put anything but an id into a button's data.
 */
import type { Answer, AnswerNotice, RiskLevel, Source, Target } from '../core/answer.js';
import { escapeCardText, sanitizePlainText } from './escape-card-text.js';
import { formatCardTime, formatIsoCardTime } from './format-card-time.js';
import type { Notice, NoticeStyle } from './notice-card-view.js';

/** How an analyst rated an answer; the `rating` sent by the feedback buttons. */
export type FeedbackRating = 'looks-right' | 'needs-improvement' | 'inappropriate';

/** Every rating, in the order the buttons show them. */
export const feedbackRatings: readonly FeedbackRating[] = [
  'looks-right',
  'needs-improvement',
  'inappropriate',
];

/** Button and tally labels of each rating. */
export const feedbackRatingLabels: Readonly<Record<FeedbackRating, string>> = {
  'looks-right': 'Looks right',
  'needs-improvement': 'Needs improvement',
  inappropriate: 'Inappropriate',
};

/** Adaptive Card text colour used for a risk level or severity. */
export type CardColor = 'default' | 'good' | 'warning' | 'attention';
/** Adaptive Card container style behind a badge. */
export type CardContainerStyle = 'emphasis' | 'good' | 'warning' | 'attention';

/** Where a stored pending action is in its life, as the answer card shows it. */
export type ActionStatus =
  | 'proposed'
  | 'awaiting-approval'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'cancelled'
  | 'refused';

/**
 * A pending action's button: the data sent on click is the id and nothing else. `positive` is the approve
 * button of a non-destructive action awaiting approval.
 */
export interface ActionButtonView {
  pendingActionId: string;
  title: string;
  style: 'default' | 'positive' | 'destructive';
}

/** One line of the answer card's "Actions" section: what happened to a proposed action. */
export interface ActionStatusLineView {
  text: string;
  color: 'default' | 'good' | 'attention';
}

/** One alert about how the answer was made (an `injection`, `budget` or `fallback` notice). */
export interface AnswerAlertView {
  kind: 'injection' | 'budget' | 'fallback';
  /** Container style behind the alert. */
  style: 'attention' | 'warning';
  /** Colour of the heading. */
  color: 'attention' | 'warning';
  heading: string;
  /** The notice's text, escaped. */
  text: string;
  /** `Sources: [S2, S3]`, or empty when the notice cites none. */
  citation: string;
}

/** One usage warning in the footer. */
export interface UsageFooterLineView {
  text: string;
  color: 'default' | 'warning';
  /** False from 90 %: the warning colour is then drawn at full strength. */
  subtle: boolean;
}

/** A stored pending action as the answer card receives it. */
export interface AnswerCardAction {
  pendingActionId: string;
  title: string;
  destructive: boolean;
  /** Absent means `proposed`: the action is offered as a button. */
  status?: ActionStatus;
  /**
   * The status as already phrased by the caller, e.g. "Reset password: done by Patti Fernandez at 14:05 UTC —
   * Password reset". Escaped here; when absent a short default for the status is shown.
   */
  statusLine?: string;
}

/** What `adaptiveCards/answer.json` binds to. Strings that came from the tenant are already escaped. */
export interface AnswerCardView {
  answerId: string;
  /** Empty `text` hides the notice. */
  notice: { text: string; style: NoticeStyle };
  title: string;
  risk: { label: string; color: CardColor; style: CardContainerStyle };
  /** Empty hides the subject line. */
  subject: string;
  summary: string;
  /**
   * How the answer was made, under the header: `injection` (attention), `budget` and `fallback` (warning),
   * in the answer's order. Empty hides them.
   */
  alerts: AnswerAlertView[];
  /** Shown when the answer is partial: each failed source and why. */
  partial: { show: boolean; heading: string; failures: { text: string }[] };
  facts: { title: string; value: string }[];
  findings: {
    severity: { label: string; color: CardColor };
    title: string;
    /** Empty hides the detail line. */
    detail: string;
    /** `2026-11-24 14:05 UTC · 2 h ago · [S1, S2]`. */
    meta: string;
  }[];
  evidence: {
    title: string;
    /** `[S1]`. */
    citation: string;
    columns: { title: string }[];
    /** Every row has exactly one cell per column. */
    rows: { cells: { text: string }[] }[];
  }[];
  remediation: { number: string; title: string; detail: string }[];
  guidance: { text: string }[];
  followUps: { text: string }[];
  sources: { toggleTitle: string; items: { text: string; color: 'default' | 'attention' }[] };
  footer: { planner: string; createdAt: string };
  /** Usage warnings, small in the footer: subtle below 90 %, warning colour from 90 %. Empty hides them. */
  usage: UsageFooterLineView[];
  actions: { primary: ActionButtonView[]; more: ActionButtonView[] };
  /** Status lines of actions past `proposed`, in input order; empty hides the "Actions" section. */
  actionStatuses: ActionStatusLineView[];
  /** Empty strings hide the tally and the acknowledgement lines. */
  feedback: { tally: string; acknowledgement: string };
  /**
   * True shows "Run again" (verb `ward.rerun`, data `{ answerId }`): the answer is worth asking again (a hunt's
   * query over the same period up to now). The server decides whether the click may run.
   */
  rerunnable: boolean;
}

/** Everything the answer card shows. */
export interface AnswerCardInput {
  answerId: string;
  answer: Answer;
  /** Stored pending actions proposed by this answer, in the order to show them. */
  actions: AnswerCardAction[];
  createdAt: Date;
  /** The time the card is drawn; relative ages are computed against it. */
  now: Date;
  feedback?: {
    tally: Record<FeedbackRating, number>;
    /** The analyst whose click is being answered, thanked by name. */
    acknowledged?: { name: string; rating: FeedbackRating };
  };
  notice?: Notice;
}

/** How many action buttons the card shows before the rest go under "More actions". */
export const primaryActionLimit = 4;

const riskBadges: Readonly<
  Record<RiskLevel, { label: string; color: CardColor; style: CardContainerStyle }>
> = {
  critical: { label: 'Critical risk', color: 'attention', style: 'attention' },
  high: { label: 'High risk', color: 'attention', style: 'attention' },
  medium: { label: 'Medium risk', color: 'warning', style: 'warning' },
  low: { label: 'Low risk', color: 'good', style: 'good' },
  none: { label: 'No risk found', color: 'default', style: 'emphasis' },
  unknown: { label: 'Risk unknown', color: 'default', style: 'emphasis' },
};

const severityLabels: Readonly<Record<RiskLevel, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'Info',
  unknown: 'Unknown',
};

const targetKindLabels: Readonly<Record<Target['kind'], string>> = {
  user: 'User',
  device: 'Device',
  incident: 'Incident',
  ip: 'IP address',
  file: 'File',
  resource: 'Resource',
};

/** Builds the answer card's view-model. Pure: the same input always gives the same view. */
export function toAnswerCardView(input: AnswerCardInput): AnswerCardView {
  const { answer, now } = input;
  const buttons = input.actions.flatMap((action) => actionButton(action));
  const actionStatuses = input.actions.flatMap((action) => actionStatusLine(action));
  const failedSources = answer.sources.filter((source) => !source.ok);
  return {
    answerId: input.answerId,
    notice: input.notice
      ? {
          text: escapeCardText(input.notice.text, { maxLength: 1000, multiline: true }),
          style: input.notice.style,
        }
      : { text: '', style: 'warning' },
    title: escapeCardText(answer.title, { maxLength: 200 }),
    risk: riskBadges[answer.riskLevel],
    subject: answer.subject ? describeTarget(answer.subject) : '',
    alerts: answer.notices.flatMap((notice) => noticeAlert(notice)),
    summary: escapeCardText(answer.summary, { maxLength: 4000, multiline: true }),
    partial: {
      show: answer.partial || failedSources.length > 0,
      heading:
        failedSources.length === 1
          ? 'Partial answer: one source could not be reached'
          : 'Partial answer: some sources could not be reached',
      failures: failedSources.map((source) => ({ text: describeFailure(source) })),
    },
    facts: answer.facts.map((fact) => ({
      title: escapeCardText(fact.label, { maxLength: 100 }),
      value: escapeCardText(fact.value, { maxLength: 500 }),
    })),
    findings: answer.findings.map((finding) => {
      const when = finding.when === undefined ? '' : describeWhen(finding.when, now);
      return {
        severity: { label: severityLabels[finding.severity], color: riskBadges[finding.severity].color },
        title: escapeCardText(finding.title, { maxLength: 200 }),
        detail:
          finding.detail === undefined
            ? ''
            : escapeCardText(finding.detail, { maxLength: 2000, multiline: true }),
        meta: [when, formatCitations(finding.citations)].filter((part) => part !== '').join(' · '),
      };
    }),
    evidence: answer.evidence.map((table) => ({
      title: escapeCardText(table.title, { maxLength: 200 }),
      citation: formatCitations(table.citations),
      columns: table.columns.map((column) => ({ title: escapeCardText(column, { maxLength: 60 }) })),
      rows: table.rows.map((row) => ({
        cells: table.columns.map((_column, index) => ({
          // A one-column table is a block of text (a hunt's KQL query): it may be longer than a cell.
          text: escapeCardText(row[index] ?? '', { maxLength: table.columns.length === 1 ? 2000 : 300 }),
        })),
      })),
    })),
    remediation: answer.remediation.map((step, index) => ({
      number: String(index + 1),
      title: escapeCardText(step.title, { maxLength: 200 }),
      detail:
        step.detail === undefined ? '' : escapeCardText(step.detail, { maxLength: 1000, multiline: true }),
    })),
    guidance: answer.guidance.map((text) => ({
      text: escapeCardText(text, { maxLength: 1000, multiline: true }),
    })),
    followUps: answer.followUps.map((text) => ({ text: escapeCardText(text, { maxLength: 200 }) })),
    sources: {
      toggleTitle: `Sources (${answer.sources.length})`,
      items: answer.sources.map((source) => ({
        text: describeSource(source),
        color: source.ok ? 'default' : 'attention',
      })),
    },
    footer: {
      planner:
        answer.planner === 'rules'
          ? 'Answered by rules planner'
          : `Answered by ${escapeCardText(answer.planner, { maxLength: 80 })}`,
      createdAt: formatCardTime(input.createdAt, now),
    },
    usage: answer.notices.flatMap((notice) => usageFooterLine(notice)),
    actions: { primary: buttons.slice(0, primaryActionLimit), more: buttons.slice(primaryActionLimit) },
    actionStatuses,
    feedback: {
      tally: input.feedback ? describeTally(input.feedback.tally) : '',
      acknowledgement: input.feedback?.acknowledged
        ? `Thanks ${escapeCardText(input.feedback.acknowledged.name, { maxLength: 120 })} — recorded “${
            feedbackRatingLabels[input.feedback.acknowledged.rating]
          }”`
        : '',
    },
    rerunnable: answer.rerunnable === true,
  };
}

/**
 * The button of an action that still takes a click: its own title while proposed, "Approve: <title>" while it
 * awaits a second person's approval (the same data; the server decides what the click means). None otherwise.
 */
function actionButton(action: AnswerCardAction): ActionButtonView[] {
  const status = action.status ?? 'proposed';
  const title = sanitizePlainText(action.title, { maxLength: 60 });
  if (status === 'proposed') {
    return [
      {
        pendingActionId: action.pendingActionId,
        title,
        style: action.destructive ? 'destructive' : 'default',
      },
    ];
  }
  if (status === 'awaiting-approval') {
    return [
      {
        pendingActionId: action.pendingActionId,
        title: `Approve: ${title}`,
        style: action.destructive ? 'destructive' : 'positive',
      },
    ];
  }
  return [];
}

const alertLooks: Readonly<
  Record<AnswerAlertView['kind'], Pick<AnswerAlertView, 'style' | 'color' | 'heading'>>
> = {
  injection: {
    style: 'attention',
    color: 'attention',
    heading: '⚠ Possible prompt injection in tenant data: Ward ignored it',
  },
  budget: { style: 'warning', color: 'warning', heading: '⚠ Incomplete: the model ran out of budget' },
  fallback: { style: 'warning', color: 'warning', heading: "Answered by Ward's rules, without the model" },
};

/** The alert of an `injection`, `budget` or `fallback` notice; none for a usage notice (it goes in the footer). */
function noticeAlert(notice: AnswerNotice): AnswerAlertView[] {
  if (notice.kind === 'usage') return [];
  return [
    {
      kind: notice.kind,
      ...alertLooks[notice.kind],
      text: escapeCardText(notice.text, { maxLength: 600, multiline: true }),
      citation: notice.citations?.length ? `Sources: ${formatCitations(notice.citations)}` : '',
    },
  ];
}

/** Percentage at which a usage warning is drawn in the warning colour. */
const usageWarningPercent = 90;

/**
 * The footer line of a `usage` notice. The notice carries no level of its own, so the colour comes from the
 * first percentage in its text ("Model usage: 92% of …", as `core/usage/usage-notices.ts` writes it).
 */
function usageFooterLine(notice: AnswerNotice): UsageFooterLineView[] {
  if (notice.kind !== 'usage') return [];
  const percent = Number(/(\d{1,4})\s?%/.exec(notice.text)?.[1] ?? 0);
  const high = percent >= usageWarningPercent;
  return [
    {
      text: escapeCardText(notice.text, { maxLength: 600 }),
      color: high ? 'warning' : 'default',
      subtle: !high,
    },
  ];
}

/** Default status lines, for callers that pass a status without phrasing it. */
const defaultStatusPhrases: Readonly<Record<Exclude<ActionStatus, 'proposed'>, string>> = {
  'awaiting-approval': 'awaiting approval by a second person with the approver role',
  executing: 'working…',
  succeeded: 'done',
  failed: 'failed',
  expired: 'expired before it ran; ask again for a fresh answer',
  cancelled: 'cancelled',
  refused: 'refused',
};

/** The "Actions" section line of an action past `proposed`, coloured by outcome; none while proposed. */
function actionStatusLine(action: AnswerCardAction): ActionStatusLineView[] {
  const status = action.status ?? 'proposed';
  if (status === 'proposed') return [];
  const text =
    action.statusLine === undefined || action.statusLine.trim() === ''
      ? `${sanitizePlainText(action.title, { maxLength: 60 })}: ${defaultStatusPhrases[status]}`
      : action.statusLine;
  return [
    {
      text: escapeCardText(text, { maxLength: 600 }),
      color: status === 'succeeded' ? 'good' : status === 'failed' ? 'attention' : 'default',
    },
  ];
}

/** `[S1, S2]`. Citation ids are validated as `S<n>` by the Answer schema, so they need no escaping. */
function formatCitations(citations: readonly string[]): string {
  return citations.length === 0 ? '' : `[${citations.join(', ')}]`;
}

/** `User: Megan Bowen (megan.bowen@contoso.com)`. */
function describeTarget(target: Target): string {
  const id = escapeCardText(target.id, { maxLength: 200 });
  const name = target.displayName === undefined ? '' : escapeCardText(target.displayName, { maxLength: 120 });
  const label = targetKindLabels[target.kind];
  return name === '' || name === id ? `${label}: ${id}` : `${label}: ${name} · ${id}`;
}

/** A formatted time when `when` is an ISO instant, otherwise the escaped text as given. */
function describeWhen(when: string, now: Date): string {
  return formatIsoCardTime(when, now) ?? escapeCardText(when, { maxLength: 60 });
}

/** `Sign-ins (Microsoft Entra ID) unavailable: throttled by Microsoft Graph after 3 retries`. */
function describeFailure(source: Source): string {
  const reason = source.error === undefined ? 'no reason was given' : source.error;
  return escapeCardText(`${skillLabel(source.skill)} (${source.service}) unavailable: ${reason}`, {
    maxLength: 600,
  });
}

/** `S1 · Microsoft Entra ID · entra.riskyUser · GET /v1.0/identityProtection/riskyUsers/{id} · 120 ms`. */
function describeSource(source: Source): string {
  const skill = source.skill.includes('.') ? source.skill : `${source.plugin}.${source.skill}`;
  const parts = [source.id, source.service, skill];
  if (source.requests.length > 0) parts.push(source.requests.join(', '));
  if (source.durationMs !== undefined) parts.push(`${Math.round(source.durationMs)} ms`);
  if (!source.ok) parts.push(`failed: ${source.error ?? 'no reason was given'}`);
  return escapeCardText(parts.join(' · '), { maxLength: 800 });
}

/** Words of a skill name, for the partial-answer line: `riskyUser` → `Risky user`, `signIns` → `Sign-ins`. */
function skillLabel(skill: string): string {
  const words = skill
    .slice(skill.lastIndexOf('.') + 1)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\bsign (ins?|outs?)\b/g, 'sign-$1');
  return words === '' ? skill : `${words[0]!.toUpperCase()}${words.slice(1)}`;
}

/** `Feedback so far: 2 looks right · 1 needs improvement`, or empty when nobody has rated yet. */
function describeTally(tally: Record<FeedbackRating, number>): string {
  const parts = feedbackRatings
    .filter((rating) => tally[rating] > 0)
    .map((rating) => `${tally[rating]} ${feedbackRatingLabels[rating].toLowerCase()}`);
  return parts.length === 0 ? '' : `Feedback so far: ${parts.join(' · ')}`;
}
