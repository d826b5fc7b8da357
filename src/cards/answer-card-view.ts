/**
 * Turns a validated Answer (plus the stored pending actions, feedback and an optional notice) into the plain
 * view-model that `adaptiveCards/answer.json` binds to: every string formatted, escaped and bounded, every
 * section present (empty when there is nothing to show) so the template never meets an undefined field.
 * Each stored action is either a button (proposed, or awaiting a second person's approval) or a status line
 * in the "Actions" section (awaiting approval, working, done, failed, expired, cancelled, refused).
 * The answer's own notices split in two: how it was made (planted instructions ignored, a budget ran out, the
 * rules answered instead of the model) as alerts under the header, and usage warnings small in the footer.
 * Notices quote tenant text (a planted instruction), so they are escaped like everything else. A rerunnable
 * answer (a hunt) gets a "Run again" button that carries only the answer's id; each finding a "Re-run" that
 * carries the answer's id and its first source's citation id. "How I got this" (planner, sources with their
 * inputs and requests, timings) is built in `how-i-got-this-view.ts`. The view is fitted to Teams' message size:
 * it is drawn with the template to be measured, and built tighter (fewer rows, shorter details, "+N more")
 * while too big.
 * It must never build card JSON by hand, read the clock, or put anything but ids into a button's data.
 */
import type { Answer, AnswerNotice, RiskLevel, Source, Target } from '../core/answer.js';
import { type FeedbackReason, feedbackReasonLabels } from '../core/feedback/feedback-reason.js';
import { escapeCardText, sanitizePlainText } from './escape-card-text.js';
import { type FeedbackFieldsView, feedbackFieldsView } from './feedback-fields-view.js';
import { formatCardTime, formatIsoCardTime } from './format-card-time.js';
import {
  defaultHowLimits,
  type HowIGotThisLimits,
  type HowIGotThisView,
  toHowIGotThisView,
} from './how-i-got-this-view.js';
import type { Notice, NoticeStyle } from './notice-card-view.js';
import { renderCard } from './render-card.js';

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
    /**
     * "Re-run" (verb `ward.rerunSource`, data `{ answerId, sourceId }`): repeats the finding's first cited
     * source with its stored input. An empty `sourceId` hides it. The server decides whether it may run.
     */
    rerun: { sourceId: string; title: string };
  }[];
  /** `+8 more findings`, when the card is too small for all of them; empty otherwise. */
  findingsMore: string;
  evidence: {
    title: string;
    /** `[S1]`. */
    citation: string;
    columns: { title: string }[];
    /** Every row has exactly one cell per column. */
    rows: { cells: { text: string }[] }[];
    /** `+20 more rows`, when the card is too small for all of them; empty otherwise. */
    more: string;
  }[];
  /** `+2 more tables`, when the card is too small for all of them; empty otherwise. */
  evidenceMore: string;
  remediation: { number: string; title: string; detail: string }[];
  /** `+4 more steps`, when the card is too small for all of them; empty otherwise. */
  remediationMore: string;
  guidance: { text: string }[];
  followUps: { text: string }[];
  sources: { toggleTitle: string; items: { text: string; color: 'default' | 'attention' }[] };
  /** The collapsible "How I got this": planner, each source's skill, inputs, request and outcome, timings. */
  howIGotThis: HowIGotThisView;
  footer: { planner: string; createdAt: string };
  /** Usage warnings, small in the footer: subtle below 90 %, warning colour from 90 %. Empty hides them. */
  usage: UsageFooterLineView[];
  actions: { primary: ActionButtonView[]; more: ActionButtonView[] };
  /** Status lines of actions past `proposed`, in input order; empty hides the "Actions" section. */
  actionStatuses: ActionStatusLineView[];
  /**
   * "Was this answer useful?": empty strings hide the tally and the acknowledgement lines. "Looks right" is
   * recorded at once; "Needs improvement" and "Inappropriate" open their panel (a reason and a comment, sent
   * with the panel's own button; see `feedback-fields-view.ts`).
   */
  feedback: FeedbackFieldsView & { tally: string; acknowledgement: string };
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
    acknowledged?: { name: string; rating: FeedbackRating; reason?: FeedbackReason | null };
  };
  notice?: Notice;
}

/** How many action buttons the card shows before the rest go under "More actions". */
export const primaryActionLimit = 4;

/**
 * Largest answer card, as JSON (UTF-8 bytes). Teams refuses a message over about 28 KB, the envelope
 * included: a card over this budget is drawn again with tighter {@link AnswerCardLimits}.
 */
export const answerCardBudgetBytes = 27_000;

/** How much of each list and text the card shows: tighter levels for answers that would not fit. */
export interface AnswerCardLimits {
  summary: number;
  factValue: number;
  findings: number;
  findingDetail: number;
  /** Every finding gets its "Re-run"; otherwise only the first finding citing each source. */
  rerunEveryFinding: boolean;
  evidenceTables: number;
  evidenceRows: number;
  evidenceCell: number;
  /** A one-column table is a block of text (a hunt's KQL query): it may be longer than a cell. */
  evidenceBlock: number;
  remediationSteps: number;
  remediationDetail: number;
  guidanceItems: number;
  guidance: number;
  sources: number;
  sourceLine: number;
  /** List each source's requests under "Sources" too (they are always in "How I got this"). */
  sourceRequests: boolean;
  how: HowIGotThisLimits;
}

/**
 * From roomiest to tightest; the first whose card fits {@link answerCardBudgetBytes} is used. Findings (the
 * answer's claims, with their citations) are kept longest; table rows, details, repeated request lines and
 * repeated "Re-run" buttons go first.
 */
export const answerCardLevels: readonly AnswerCardLimits[] = [
  {
    summary: 4_000,
    factValue: 500,
    findings: 30,
    findingDetail: 2_000,
    rerunEveryFinding: true,
    evidenceTables: 6,
    evidenceRows: 25,
    evidenceCell: 300,
    evidenceBlock: 2_000,
    remediationSteps: 12,
    remediationDetail: 1_000,
    guidanceItems: 8,
    guidance: 1_000,
    sources: 40,
    sourceLine: 800,
    sourceRequests: true,
    how: defaultHowLimits,
  },
  {
    summary: 4_000,
    factValue: 300,
    findings: 30,
    findingDetail: 400,
    rerunEveryFinding: true,
    evidenceTables: 6,
    evidenceRows: 8,
    evidenceCell: 120,
    evidenceBlock: 1_500,
    remediationSteps: 12,
    remediationDetail: 300,
    guidanceItems: 8,
    guidance: 300,
    sources: 20,
    sourceLine: 300,
    sourceRequests: false,
    how: { sources: 10, requests: 2, queryMax: 2_000, queryBudget: 3_000, requestMax: 200, inputsMax: 200 },
  },
  {
    summary: 3_000,
    factValue: 200,
    findings: 15,
    findingDetail: 200,
    rerunEveryFinding: false,
    evidenceTables: 4,
    evidenceRows: 5,
    evidenceCell: 80,
    evidenceBlock: 1_000,
    remediationSteps: 10,
    remediationDetail: 150,
    guidanceItems: 5,
    guidance: 200,
    sources: 12,
    sourceLine: 200,
    sourceRequests: false,
    how: { sources: 8, requests: 1, queryMax: 1_500, queryBudget: 2_000, requestMax: 160, inputsMax: 150 },
  },
  {
    summary: 2_500,
    factValue: 160,
    findings: 12,
    findingDetail: 0,
    rerunEveryFinding: false,
    evidenceTables: 2,
    evidenceRows: 3,
    evidenceCell: 60,
    evidenceBlock: 800,
    remediationSteps: 8,
    remediationDetail: 0,
    guidanceItems: 3,
    guidance: 160,
    sources: 10,
    sourceLine: 140,
    sourceRequests: false,
    how: { sources: 6, requests: 1, queryMax: 1_000, queryBudget: 1_000, requestMax: 120, inputsMax: 100 },
  },
  {
    summary: 2_000,
    factValue: 120,
    findings: 8,
    findingDetail: 0,
    rerunEveryFinding: false,
    evidenceTables: 1,
    evidenceRows: 3,
    evidenceCell: 50,
    evidenceBlock: 500,
    remediationSteps: 6,
    remediationDetail: 0,
    guidanceItems: 2,
    guidance: 120,
    sources: 6,
    sourceLine: 120,
    sourceRequests: false,
    how: { sources: 4, requests: 1, queryMax: 500, queryBudget: 500, requestMax: 100, inputsMax: 80 },
  },
  {
    summary: 1_500,
    factValue: 100,
    findings: 5,
    findingDetail: 0,
    rerunEveryFinding: false,
    evidenceTables: 1,
    evidenceRows: 2,
    evidenceCell: 40,
    evidenceBlock: 300,
    remediationSteps: 4,
    remediationDetail: 0,
    guidanceItems: 1,
    guidance: 100,
    sources: 4,
    sourceLine: 100,
    sourceRequests: false,
    how: { sources: 3, requests: 1, queryMax: 300, queryBudget: 300, requestMax: 100, inputsMax: 60 },
  },
];

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

/**
 * Builds the answer card's view-model. Pure: the same input always gives the same view. The view is fitted to
 * Teams' size limit: it is drawn with the template to measure it, and built again with tighter limits (fewer
 * rows, shorter details, "+N more") while the card would be over {@link answerCardBudgetBytes}.
 */
export function toAnswerCardView(input: AnswerCardInput): AnswerCardView {
  let view = buildAnswerCardView(input, answerCardLevels[0]!);
  for (const limits of answerCardLevels.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(renderCard('answer', view)), 'utf8') <= answerCardBudgetBytes) break;
    view = buildAnswerCardView(input, limits);
  }
  return view;
}

function buildAnswerCardView(input: AnswerCardInput, limits: AnswerCardLimits): AnswerCardView {
  const { answer, now } = input;
  const buttons = input.actions.flatMap((action) => actionButton(action));
  const actionStatuses = input.actions.flatMap((action) => actionStatusLine(action));
  const failedSources = answer.sources.filter((source) => !source.ok);
  const rerunOffered = new Set<string>();
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
    summary: escapeCardText(answer.summary, { maxLength: limits.summary, multiline: true }),
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
      value: escapeCardText(fact.value, { maxLength: limits.factValue }),
    })),
    findings: answer.findings.slice(0, limits.findings).map((finding) => {
      const when = finding.when === undefined ? '' : describeWhen(finding.when, now);
      return {
        severity: { label: severityLabels[finding.severity], color: riskBadges[finding.severity].color },
        title: escapeCardText(finding.title, { maxLength: 200 }),
        detail:
          finding.detail === undefined || limits.findingDetail === 0
            ? ''
            : escapeCardText(finding.detail, { maxLength: limits.findingDetail, multiline: true }),
        meta: [when, formatCitations(finding.citations)].filter((part) => part !== '').join(' · '),
        rerun: rerunButton(
          finding.citations,
          answer.sources,
          limits.rerunEveryFinding ? undefined : rerunOffered,
        ),
      };
    }),
    findingsMore: moreText(answer.findings.length - limits.findings, 'finding'),
    evidence: answer.evidence.slice(0, limits.evidenceTables).map((table) => ({
      title: escapeCardText(table.title, { maxLength: 200 }),
      citation: formatCitations(table.citations),
      columns: table.columns.map((column) => ({ title: escapeCardText(column, { maxLength: 60 }) })),
      rows: table.rows.slice(0, limits.evidenceRows).map((row) => ({
        cells: table.columns.map((_column, index) => ({
          text: escapeCardText(row[index] ?? '', {
            maxLength: table.columns.length === 1 ? limits.evidenceBlock : limits.evidenceCell,
          }),
        })),
      })),
      more: moreText(table.rows.length - limits.evidenceRows, 'row'),
    })),
    evidenceMore: moreText(answer.evidence.length - limits.evidenceTables, 'table'),
    remediation: answer.remediation.slice(0, limits.remediationSteps).map((step, index) => ({
      number: String(index + 1),
      title: escapeCardText(step.title, { maxLength: 200 }),
      detail:
        step.detail === undefined || limits.remediationDetail === 0
          ? ''
          : escapeCardText(step.detail, { maxLength: limits.remediationDetail, multiline: true }),
    })),
    remediationMore: moreText(answer.remediation.length - limits.remediationSteps, 'step'),
    guidance: [
      ...answer.guidance.slice(0, limits.guidanceItems).map((text) => ({
        text: escapeCardText(text, { maxLength: limits.guidance, multiline: true }),
      })),
      ...(answer.guidance.length > limits.guidanceItems
        ? [{ text: moreText(answer.guidance.length - limits.guidanceItems, 'tip') }]
        : []),
    ],
    followUps: answer.followUps.map((text) => ({ text: escapeCardText(text, { maxLength: 200 }) })),
    sources: {
      toggleTitle: `Sources (${answer.sources.length})`,
      items: [
        ...answer.sources.slice(0, limits.sources).map((source) => ({
          text: describeSource(source, limits.sourceLine, limits.sourceRequests),
          color: source.ok ? ('default' as const) : ('attention' as const),
        })),
        ...(answer.sources.length > limits.sources
          ? [{ text: moreText(answer.sources.length - limits.sources, 'source'), color: 'default' as const }]
          : []),
      ],
    },
    howIGotThis: toHowIGotThisView(answer, limits.how),
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
    feedback: feedbackView(input.feedback),
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

/**
 * The finding's "Re-run" button: its first cited source that answered (citation ids are validated as `S<n>`,
 * so they need no escaping); hidden when it cites none, or, given `offered`, when an earlier finding already
 * offers that source.
 */
function rerunButton(
  citations: readonly string[],
  sources: readonly Source[],
  offered?: Set<string>,
): { sourceId: string; title: string } {
  const sourceId = citations.find((id) => sources.some((source) => source.id === id && source.ok)) ?? '';
  if (sourceId === '' || offered?.has(sourceId)) return { sourceId: '', title: '' };
  offered?.add(sourceId);
  return { sourceId, title: `Re-run ${sourceId}` };
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

/** `+3 more rows`, or empty for none. */
function moreText(hidden: number, noun: string): string {
  return hidden > 0 ? `+${hidden} more ${hidden === 1 ? noun : `${noun}s`}` : '';
}

/** `S1 · Microsoft Entra ID · entra.riskyUser · GET /v1.0/identityProtection/riskyUsers/{id} · 120 ms`. */
function describeSource(source: Source, maxLength: number, withRequests = true): string {
  const skill = source.skill.includes('.') ? source.skill : `${source.plugin}.${source.skill}`;
  const parts = [source.id, source.service, skill];
  if (withRequests && source.requests.length > 0) parts.push(source.requests.join(', '));
  if (source.durationMs !== undefined) parts.push(`${Math.round(source.durationMs)} ms`);
  if (!source.ok) parts.push(`failed: ${source.error ?? 'no reason was given'}`);
  return escapeCardText(parts.join(' · '), { maxLength });
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

/** The feedback section: tally, thanks, and the texts of the two panels. */
function feedbackView(feedback: AnswerCardInput['feedback']): AnswerCardView['feedback'] {
  const acknowledged = feedback?.acknowledged;
  return {
    tally: feedback ? describeTally(feedback.tally) : '',
    acknowledgement: acknowledged
      ? `Thanks ${escapeCardText(acknowledged.name, { maxLength: 120 })} — recorded “${
          feedbackRatingLabels[acknowledged.rating]
        }”${acknowledged.reason ? ` (${feedbackReasonLabels[acknowledged.reason].toLowerCase()})` : ''}`
      : '',
    ...feedbackFieldsView(),
  };
}

/** `Feedback so far: 2 looks right · 1 needs improvement`, or empty when nobody has rated yet. */
function describeTally(tally: Record<FeedbackRating, number>): string {
  const parts = feedbackRatings
    .filter((rating) => tally[rating] > 0)
    .map((rating) => `${tally[rating]} ${feedbackRatingLabels[rating].toLowerCase()}`);
  return parts.length === 0 ? '' : `Feedback so far: ${parts.join(' · ')}`;
}
