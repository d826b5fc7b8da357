/**
 * The rules planner's answer to a hunting question: picks the Sentinel template the question asks for (failed
 * sign-ins by IP, encoded PowerShell, a user's sign-ins) or runs the analyst's own KQL ("kql: …"), always
 * through the Sentinel skills, which validate every query against the workspace schema before it runs. The
 * answer shows the query, the rows as a table and a follow-up that runs it again. It never builds KQL from
 * the question's text itself: templates take validated numbers and a UPN, "kql:" passes the analyst's query
 * to the validator as it is.
 */
import type { HuntingResult } from '../../plugins/sentinel/run-hunting-query.js';
import type { AnswerDraft } from '../answer.js';
import type { PlanInput, PlanOutcome } from './planner.js';

/** `kql: <query>` or `run kql: <query>`: the analyst's own query. */
export const OWN_QUERY = /^\s*(?:run\s+)?kql\s*:\s*([\s\S]+)$/i;
const ENCODED = /\bencoded\s*(?:powershell|commands?)\b|\bencodedcommand\b/i;
const FAILED_BY_IP = /\bfail(?:ed|ing|ures?)?\b[\s\S]{0,40}\b(?:by|per)\s+(?:ip|address)|\bpassword\s+spray/i;
const MAX_CELL = 200;

interface Hunt {
  title: string;
  ref: string;
  input: Record<string, unknown>;
}

/** Answers a hunting question. */
export async function planHunt(input: PlanInput): Promise<PlanOutcome> {
  const hunt = chooseHunt(input);
  if (!hunt) {
    return {
      kind: 'help',
      reason:
        'I can hunt in Sentinel for failed sign-ins by IP, encoded PowerShell, or a user\'s sign-ins, or run your own query: "kql: SigninLogs | take 10".',
    };
  }
  const call = await input.ledger.call<HuntingResult>(hunt.ref, hunt.input);
  const sources = input.ledger.sources();
  if (!call.ok) {
    const refused = call.error.code === 'invalid_input';
    return {
      kind: 'answer',
      draft: {
        intent: 'hunt',
        title: refused ? `${hunt.title}: query refused` : `${hunt.title}: Sentinel unavailable`,
        summary: refused
          ? `${call.error.message} Nothing was run.`
          : `${call.error.message} Try again in a minute.`,
        riskLevel: 'unknown',
        planner: 'rules',
        sources,
      },
    };
  }
  return { kind: 'answer', draft: huntAnswer(hunt, call.data, call.sourceId, input, sources) };
}

function chooseHunt(input: PlanInput): Hunt | undefined {
  const text = input.turn.text;
  const own = OWN_QUERY.exec(text)?.[1]?.trim();
  if (own)
    return { title: 'Your query', ref: 'sentinel.runQuery', input: { query: own, hours: hoursIn(text, 24) } };
  if (ENCODED.test(text)) {
    return {
      title: 'Encoded PowerShell',
      ref: 'sentinel.encodedPowerShell',
      input: { days: Math.min(30, Math.max(1, Math.round(hoursIn(text, 24 * 7) / 24))) },
    };
  }
  if (FAILED_BY_IP.test(text)) {
    return {
      title: 'Failed sign-ins by IP',
      ref: 'sentinel.failedSignInsByIp',
      input: { hours: Math.min(24 * 30, hoursIn(text, 24)), top: 10 },
    };
  }
  const upn = input.entities.upns[0];
  if (upn) {
    return {
      title: `Sign-ins of ${upn}`,
      ref: 'sentinel.userSignIns',
      input: { user: upn, hours: Math.min(24 * 30, hoursIn(text, 24)) },
    };
  }
  return undefined;
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
  result: HuntingResult,
  sourceId: string,
  input: PlanInput,
  sources: AnswerDraft['sources'],
): AnswerDraft {
  const columns = result.columns.slice(0, 6).map((column) => column.name);
  const rows = result.rows.slice(0, 25).map((row) => columns.map((name) => cell(row[name])));
  const count = `${result.rowCount}${result.truncated ? '+' : ''} row${result.rowCount === 1 ? '' : 's'}`;
  const first = rows[0] ? columns.map((name, index) => `${name} ${rows[0]?.[index]}`).join(', ') : undefined;
  return {
    intent: 'hunt',
    title: `${hunt.title}: ${count}`,
    summary: result.rowCount
      ? `Sentinel returned ${count} for ${result.timespan}. First: ${first}.${result.partialError ? ` The service returned a partial result: ${result.partialError}` : ''}`
      : `Sentinel returned no rows for ${result.timespan}: nothing matched.`,
    riskLevel: 'unknown',
    facts: [
      { label: 'Workspace query', value: hunt.title },
      { label: 'Period', value: result.timespan },
      { label: 'Rows', value: count },
    ],
    findings: result.rowCount
      ? [{ title: `${count} matched`, detail: first, severity: 'unknown', citations: [sourceId] }]
      : [],
    evidence: [
      {
        title: 'KQL (validated against the workspace schema)',
        columns: ['Query'],
        rows: [[result.query]],
        citations: [sourceId],
      },
      ...(rows.length ? [{ title: 'Results', columns, rows, citations: [sourceId] }] : []),
    ],
    guidance: [
      'Every query Ward runs is validated against the workspace schema first; "kql: <query>" runs your own the same way.',
    ],
    // Asking the same question again runs the query again, over the same period up to now.
    followUps: [input.turn.text.slice(0, 200)],
    sources,
    planner: 'rules',
  };
}

function cell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}
