/**
 * The rules planner's answer to a hunting question. It picks where to hunt — Microsoft Defender XDR advanced
 * hunting when the question names it ("advanced hunting for encoded powershell", "hunt in defender: …",
 * "defender kql: …", MDE), Microsoft Sentinel otherwise — and what: a template (failed sign-ins by IP, encoded
 * PowerShell, a user's sign-ins) or the analyst's own KQL. Every query is validated against the target's
 * schema by the skill before it runs. The answer says what the rows mean (`summarise-hunt.ts`), shows the
 * query and the rows, and is marked rerunnable, so the card offers "Run again" (the same question over the same
 * period up to now). It never builds KQL from the question's text itself: templates take validated numbers and
 * a UPN; an own query is passed to the validator as it is.
 */
import {
  encodedPowerShellHuntingQuery,
  failedLogonsByIpHuntingQuery,
  userLogonsHuntingQuery,
} from '../../plugins/defender-xdr/hunting-queries.js';
import type { AnswerDraft } from '../answer.js';
import type { PlanInput, PlanOutcome } from './planner.js';
import { describePeriod, type HuntKind, type HuntRows, summariseHunt } from './summarise-hunt.js';

/** `kql: <query>` or `run kql: <query>`: the analyst's own query, in Sentinel. */
export const OWN_QUERY = /^\s*(?:run\s+)?kql\s*:\s*([\s\S]+)$/i;
/**
 * The analyst's own query in Defender XDR advanced hunting: `defender kql: …`, `xdr kql: …`, `mde kql: …`,
 * `advanced hunting: …`, `hunt in defender: …`.
 */
export const XDR_OWN_QUERY =
  /^\s*(?:run\s+)?(?:(?:microsoft\s+)?(?:defender(?:\s+xdr)?|xdr|mde|m365d)\s+(?:advanced\s+hunting\s+)?kql|advanced\s+hunting(?:\s+kql)?|hunt\s+in\s+(?:microsoft\s+)?(?:defender(?:\s+xdr)?|xdr|mde))\s*:\s*([\s\S]+)$/i;
/** The question names Defender XDR's hunting (not Defender for Cloud). */
const NAMES_DEFENDER =
  /\badvanced\s+hunting\b|\bdefender\b(?!\s+for\s+(?:cloud|identity|office))|\bxdr\b|\bmde\b|\bm365d\b/i;
const ENCODED = /\bencoded\s*(?:powershell|commands?)\b|\bencodedcommand\b/i;
const FAILED_BY_IP = /\bfail(?:ed|ing|ures?)?\b[\s\S]{0,40}\b(?:by|per)\s+(?:ip|address)|\bpassword\s+spray/i;
const MAX_CELL = 200;
/** Advanced hunting keeps 30 days; the workspace templates allow as much. */
const MAX_HOURS = 24 * 30;

type Target = 'sentinel' | 'defender-xdr';

const SERVICE: Readonly<Record<Target, { name: string; source: string }>> = {
  sentinel: { name: 'Sentinel', source: 'Microsoft Sentinel' },
  'defender-xdr': {
    name: 'Defender XDR advanced hunting',
    source: 'Microsoft Defender XDR advanced hunting',
  },
};

interface Hunt {
  kind: HuntKind;
  target: Target;
  title: string;
  ref: string;
  input: Record<string, unknown>;
  /** The user a sign-ins hunt is about. */
  user?: string;
}

/** Answers a hunting question. */
export async function planHunt(input: PlanInput): Promise<PlanOutcome> {
  const hunt = chooseHunt(input);
  if (!hunt) {
    return {
      kind: 'help',
      reason:
        'I can hunt in Sentinel or in Defender XDR advanced hunting for failed sign-ins by IP, encoded PowerShell, or a user\'s sign-ins, or run your own query: "kql: SigninLogs | take 10" (Sentinel) or "defender kql: DeviceProcessEvents | take 10" (advanced hunting).',
    };
  }
  const call = await input.ledger.call<HuntRows>(hunt.ref, hunt.input);
  const sources = input.ledger.sources();
  if (!call.ok) {
    const invalid = call.error.code === 'invalid_input';
    // The service read the query and said no (HTTP 400): the same query will be refused again.
    const refusedByService = (call.error as { status?: unknown }).status === 400;
    return {
      kind: 'answer',
      draft: {
        intent: 'hunt',
        title:
          invalid || refusedByService
            ? `${hunt.title}: query refused`
            : `${hunt.title}: ${SERVICE[hunt.target].name} unavailable`,
        summary: invalid
          ? `${call.error.message} Nothing was run.`
          : refusedByService
            ? `${call.error.message} Change the query and ask again.`
            : `${call.error.message} Try again in a minute: "Run again" asks the same question.`,
        riskLevel: 'unknown',
        planner: 'rules',
        sources,
        rerunnable: !invalid && !refusedByService,
      },
    };
  }
  return { kind: 'answer', draft: huntAnswer(hunt, call.data, call.sourceId, sources) };
}

function chooseHunt(input: PlanInput): Hunt | undefined {
  const text = input.turn.text;
  const hours = (fallback: number) => Math.min(MAX_HOURS, hoursIn(text, fallback));
  const xdrOwn = XDR_OWN_QUERY.exec(text)?.[1]?.trim();
  if (xdrOwn) {
    return {
      kind: 'own-query',
      target: 'defender-xdr',
      title: 'Your advanced hunting query',
      ref: 'defender-xdr.advancedHunting',
      input: { query: xdrOwn, hours: hours(24) },
    };
  }
  const own = OWN_QUERY.exec(text)?.[1]?.trim();
  if (own) {
    return {
      kind: 'own-query',
      target: 'sentinel',
      title: 'Your query',
      ref: 'sentinel.runQuery',
      input: { query: own, hours: hoursIn(text, 24) },
    };
  }
  const defender = NAMES_DEFENDER.test(text) && !/\bsentinel\b/i.test(text);
  if (ENCODED.test(text)) {
    const days = Math.min(30, Math.max(1, Math.round(hoursIn(text, 24 * 7) / 24)));
    return defender
      ? xdrHunt(
          'encoded-powershell',
          'Encoded PowerShell (Defender XDR)',
          encodedPowerShellHuntingQuery(days),
        )
      : {
          kind: 'encoded-powershell',
          target: 'sentinel',
          title: 'Encoded PowerShell',
          ref: 'sentinel.encodedPowerShell',
          input: { days },
        };
  }
  if (FAILED_BY_IP.test(text)) {
    return defender
      ? xdrHunt(
          'failed-sign-ins-by-ip',
          'Failed sign-ins by IP (Defender XDR)',
          failedLogonsByIpHuntingQuery(hours(24), 10),
        )
      : {
          kind: 'failed-sign-ins-by-ip',
          target: 'sentinel',
          title: 'Failed sign-ins by IP',
          ref: 'sentinel.failedSignInsByIp',
          input: { hours: hours(24), top: 10 },
        };
  }
  const upn = input.entities.upns[0];
  if (upn) {
    return defender
      ? {
          ...xdrHunt(
            'user-sign-ins',
            `Sign-ins of ${upn} (Defender XDR)`,
            userLogonsHuntingQuery(upn, hours(24)),
          ),
          user: upn,
        }
      : {
          kind: 'user-sign-ins',
          target: 'sentinel',
          title: `Sign-ins of ${upn}`,
          ref: 'sentinel.userSignIns',
          input: { user: upn, hours: hours(24) },
          user: upn,
        };
  }
  return undefined;
}

function xdrHunt(kind: HuntKind, title: string, query: { query: string; hours: number }): Hunt {
  return {
    kind,
    target: 'defender-xdr',
    title,
    ref: 'defender-xdr.advancedHunting',
    input: { query: query.query, hours: query.hours },
  };
}

/** The period the question names ("last 3 days", "past 12 hours", "this week", "today"), in hours. */
function hoursIn(text: string, fallback: number): number {
  const match = /\b(?:last|past)\s+(\d{1,3})\s*(hours?|h|days?|d|weeks?|w)\b/i.exec(text);
  if (match) {
    const amount = Number(match[1]);
    const unit = match[2]!.toLowerCase()[0];
    return Math.max(1, unit === 'h' ? amount : unit === 'd' ? amount * 24 : amount * 24 * 7);
  }
  if (/\b(?:this|last|past)\s+week\b/i.test(text)) return 24 * 7;
  if (/\btoday\b|\blast\s+day\b/i.test(text)) return 24;
  return fallback;
}

function huntAnswer(
  hunt: Hunt,
  result: HuntRows,
  sourceId: string,
  sources: AnswerDraft['sources'],
): AnswerDraft {
  const service = SERVICE[hunt.target];
  const written = summariseHunt(hunt.kind, result, { sourceId, service: service.name, user: hunt.user });
  const columns = result.columns.slice(0, 6).map((column) => column.name);
  const rows = result.rows.slice(0, 25).map((row) => columns.map((name) => cell(row[name])));
  const count = `${result.rowCount}${result.truncated ? '+' : ''} row${result.rowCount === 1 ? '' : 's'}`;
  return {
    intent: 'hunt',
    title: `${hunt.title}: ${count}`,
    summary: written.summary,
    riskLevel: written.riskLevel,
    ...(hunt.user ? { subject: { kind: 'user' as const, id: hunt.user } } : {}),
    facts: [
      { label: 'Hunted in', value: service.source },
      { label: 'Hunt', value: hunt.title },
      { label: 'Period', value: `${describePeriod(result.timespan)} (${result.timespan})` },
      { label: 'Rows', value: count },
    ],
    findings: written.findings,
    evidence: [
      {
        title:
          hunt.target === 'sentinel'
            ? 'KQL (validated against the workspace schema)'
            : 'KQL (validated against the advanced hunting schema)',
        columns: ['Query'],
        rows: [[result.query]],
        citations: [sourceId],
      },
      ...(rows.length ? [{ title: 'Results', columns, rows, citations: [sourceId] }] : []),
    ],
    guidance: [
      'Every query Ward runs is validated against the schema first: "kql: <query>" runs your own in Sentinel, "defender kql: <query>" in Defender XDR advanced hunting. "Run again" runs this one over the same period up to now.',
    ],
    followUps: written.followUps,
    sources,
    planner: 'rules',
    rerunnable: true,
  };
}

function cell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}
