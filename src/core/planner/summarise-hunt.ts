/**
 * What an analyst writes after reading a hunt's rows, per template: for failed sign-ins by address, the top
 * addresses and how many users each hit, naming a password spray (one address, many users, a few failures
 * each, in a short time) or a brute force (one user, many failures); for encoded PowerShell, the devices and
 * accounts involved and what the newest command does once decoded (read, never run) with script analysis's
 * rating; for a user's sign-ins, failures against successes, countries, apps and risky sign-ins; for the
 * analyst's own query, the row count and the most frequent values of its first string columns. Each finding
 * cites the hunt's source and carries a severity only when the rows justify one. No rows: it says plainly
 * that nothing matched for the period. Rows come from Sentinel or Defender XDR advanced hunting: column names
 * of both are read. It never calls a service and never runs anything it reads.
 */
import { isIP } from 'node:net';
import { z } from 'zod/v4';
import { decodeEncodedPowerShell } from '../../plugins/decode-powershell.js';
import { analyzeScript } from '../../plugins/script-analysis/analyze-script.js';
import type { AnswerDraft, RiskLevel } from '../answer.js';

/** Which template produced the rows (`own-query`: the analyst's KQL). */
export type HuntKind = 'failed-sign-ins-by-ip' | 'encoded-powershell' | 'user-sign-ins' | 'own-query';

/** A hunt's result, as both Sentinel and Defender XDR skills return it. */
export interface HuntRows {
  query: string;
  /** ISO 8601 duration, e.g. `PT24H`, `P7D`. */
  timespan: string;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** How many rows the query returned (more than `rows` when truncated). */
  rowCount: number;
  truncated: boolean;
  partialError?: string;
}

/** What to say and where it came from. */
export interface SummariseHuntOptions {
  /** Citation of the hunt's source, e.g. `S1`. */
  sourceId: string;
  /** Where the rows came from, e.g. `Sentinel`, `Defender XDR advanced hunting`. */
  service: string;
  /** The user a `user-sign-ins` hunt is about. */
  user?: string;
}

type Finding = NonNullable<AnswerDraft['findings']>[number];

/** The written summary of a hunt. */
export interface HuntSummary {
  summary: string;
  riskLevel: RiskLevel;
  findings: Finding[];
  /** Next questions the rows suggest (e.g. a query for successes from a spraying address). */
  followUps: string[];
}

const RISK_ORDER: readonly RiskLevel[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];
const MAX_FINDINGS = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A spray hits many accounts with a few passwords each, quickly. */
const SPRAY_MIN_USERS = 5;
const SPRAY_MAX_FAILURES_PER_USER = 3;
const SPRAY_MAX_SPAN_MS = 6 * HOUR;
/** Many users over days: a shared address (office, VPN) or a slow spray. */
const SPREAD_MIN_USERS = 10;
/** A brute force hammers one or two accounts. */
const BRUTE_FORCE_MAX_USERS = 2;
const BRUTE_FORCE_MIN_FAILURES = 10;
/** Sign-ins from two countries closer than this are worth a look. */
const TRAVEL_WINDOW_MS = 2 * HOUR;

/** Summarises `result`, produced by the `kind` template. */
export function summariseHunt(kind: HuntKind, result: HuntRows, options: SummariseHuntOptions): HuntSummary {
  const period = describePeriod(result.timespan);
  if (result.rowCount === 0) {
    return {
      summary: withPartial(
        `${nothingMatched(kind, period, options)} ${options.service} returned no rows.`,
        result,
      ),
      // Nothing matched is no risk found, unless the rows were the analyst's own or only part came back.
      riskLevel: kind === 'own-query' || result.partialError ? 'unknown' : 'none',
      findings: [],
      followUps: [],
    };
  }
  const summary =
    kind === 'failed-sign-ins-by-ip'
      ? failedSignInsByIp(result, period, options)
      : kind === 'encoded-powershell'
        ? encodedPowerShell(result, period, options)
        : kind === 'user-sign-ins'
          ? userSignIns(result, period, options)
          : ownQuery(result, period, options);
  const counted =
    result.truncated && kind !== 'failed-sign-ins-by-ip'
      ? ` Counted over the first ${result.rows.length} of ${result.rowCount} rows.`
      : '';
  return { ...summary, summary: withPartial(`${summary.summary}${counted}`, result) };
}

function nothingMatched(kind: HuntKind, period: string, options: SummariseHuntOptions): string {
  switch (kind) {
    case 'failed-sign-ins-by-ip':
      return `Nothing matched: no failed sign-ins in ${period}.`;
    case 'encoded-powershell':
      return `Nothing matched: no PowerShell process was started with an encoded command in ${period}.`;
    case 'user-sign-ins':
      return `Nothing matched: no sign-ins by ${options.user ?? 'this user'} in ${period}.`;
    case 'own-query':
      return `Nothing matched: your query returned no rows for ${period}.`;
  }
}

function withPartial(summary: string, result: HuntRows): string {
  return result.partialError
    ? `${summary} The service returned a partial result: ${result.partialError}`
    : summary;
}

// ── Failed sign-ins by address ────────────────────────────────────────────────────────────────────────

interface AddressFailures {
  ip: string;
  failures: number;
  users: number;
  userList: string[];
  first?: number;
  last?: number;
}

function failedSignInsByIp(result: HuntRows, period: string, options: SummariseHuntOptions): HuntSummary {
  const addresses: AddressFailures[] = result.rows
    .map((row) => ({
      ip: text(row.IPAddress) || 'no address',
      failures: number(row.Failures),
      users: number(row.Users),
      userList: stringList(row.UserList),
      first: time(row.FirstSeen),
      last: time(row.LastSeen),
    }))
    .sort((a, b) => b.failures - a.failures);
  const top = addresses.slice(0, 3).map((address) => {
    const span = spanWords(address);
    return `${address.ip} (${plural(address.failures, 'failure')} across ${plural(address.users, 'user')}${span ? ` ${span}` : ''})`;
  });
  const findings: Finding[] = [];
  const patterns: string[] = [];
  const followUps: string[] = [];
  const spread: AddressFailures[] = [];
  for (const address of addresses) {
    const perUser = address.failures / Math.max(address.users, 1);
    const spanMs =
      address.first !== undefined && address.last !== undefined ? address.last - address.first : undefined;
    const examples = address.userList.slice(0, 3).join(', ');
    const when = address.last === undefined ? undefined : new Date(address.last).toISOString();
    if (
      address.users >= SPRAY_MIN_USERS &&
      perUser <= SPRAY_MAX_FAILURES_PER_USER &&
      spanMs !== undefined &&
      spanMs <= SPRAY_MAX_SPAN_MS
    ) {
      patterns.push(
        `${address.ip} looks like a password spray: one address, ${plural(address.users, 'user')}, ${perUserWords(perUser)}, ${spanWords(address)}`,
      );
      findings.push({
        title: `Password spray from ${address.ip}: ${plural(address.users, 'user')} ${spanWords(address)}`,
        detail: `${plural(address.failures, 'failed sign-in')} against ${plural(address.users, 'account')} (${perUserWords(perUser)})${examples ? `, e.g. ${examples}` : ''}. One address trying a few passwords against many accounts is a password spray: block the address and check whether any of these accounts then signed in successfully from it.`,
        severity: address.users >= 20 ? 'high' : 'medium',
        ...(when ? { when } : {}),
        citations: [options.sourceId],
      });
      if (isIP(address.ip)) followUps.push(successesFrom(address.ip, options.service));
    } else if (address.users <= BRUTE_FORCE_MAX_USERS && address.failures >= BRUTE_FORCE_MIN_FAILURES) {
      const target = address.userList[0] ?? 'one account';
      patterns.push(
        `${address.ip} looks like a brute force: ${plural(address.failures, 'failure')} against ${address.users <= 1 ? target : plural(address.users, 'account')}`,
      );
      findings.push({
        title: `Brute force from ${address.ip} against ${address.users <= 1 ? target : plural(address.users, 'account')}`,
        detail: `${plural(address.failures, 'failed sign-in')} against ${address.userList.join(', ') || target}${spanWords(address) ? ` ${spanWords(address)}` : ''}. Many failures against one account is a brute force (or a device with an old password): block the address if it is not the user's, and check the account for a successful sign-in from it.`,
        severity: address.failures >= 50 ? 'high' : 'medium',
        ...(when ? { when } : {}),
        citations: [options.sourceId],
      });
      if (isIP(address.ip)) followUps.push(successesFrom(address.ip, options.service));
    } else if (address.users >= SPREAD_MIN_USERS && perUser <= SPRAY_MAX_FAILURES_PER_USER) {
      spread.push(address);
    }
  }
  if (spread.length > 0) {
    const listed = spread
      .slice(0, 4)
      .map((address) => `${address.ip} (${plural(address.users, 'user')} ${spanWords(address)})`);
    findings.push({
      title: `${plural(spread.length, 'address', 'addresses')} with many users failing over days`,
      detail: `${joinWords(spread.length > 4 ? [...listed, `${spread.length - 4} more`] : listed)}: a few failures per user spread over a long time is a shared address (an office or VPN exit) where people mistype passwords, or a slow password spray. It is not a spray if the same address also has many successful sign-ins.`,
      severity: 'low',
      citations: [options.sourceId],
    });
  }
  const summary = [
    `${options.service} found failed sign-ins from ${plural(result.rowCount, 'address', 'addresses')} in ${period}. Top: ${top.join('; ')}.`,
    patterns.length > 0
      ? `${patterns.slice(0, 2).join('. ')}.`
      : 'No address shows a password-spray or brute-force pattern (many users in a short time, or many failures against one user).',
  ].join(' ');
  return {
    summary,
    riskLevel: highest(findings, 'low'),
    findings: ordered(findings),
    followUps: [...new Set(followUps)].slice(0, 2),
  };
}

function successesFrom(ip: string, service: string): string {
  return service.startsWith('Defender')
    ? `defender kql: IdentityLogonEvents | where IPAddress == "${ip}" and ActionType == "LogonSuccess" | project Timestamp, AccountUpn, Application`
    : `kql: SigninLogs | where IPAddress == "${ip}" and ResultType == "0" | project TimeGenerated, UserPrincipalName, AppDisplayName`;
}

function perUserWords(perUser: number): string {
  const rounded = Math.round(perUser * 10) / 10;
  return rounded <= 1 ? '1 failure each' : `about ${rounded} failures each`;
}

function spanWords(address: AddressFailures): string {
  if (address.first === undefined || address.last === undefined) return '';
  const span = address.last - address.first;
  return span < 48 * HOUR ? `in ${durationWords(span)}` : `over ${durationWords(span)}`;
}

// ── Encoded PowerShell ────────────────────────────────────────────────────────────────────────────────

function encodedPowerShell(result: HuntRows, period: string, options: SummariseHuntOptions): HuntSummary {
  const devices = tally(result.rows.map((row) => text(row.DeviceName)));
  const accounts = tally(result.rows.map((row) => text(row.AccountUpn) || text(row.AccountName)));
  const described = new Map<string, { does: string; severity: RiskLevel; decoded?: string }>();
  const describe = (commandLine: string) => {
    let known = described.get(commandLine);
    if (known === undefined) {
      known = whatItDoes(commandLine);
      described.set(commandLine, known);
    }
    return known;
  };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const row of result.rows) {
    const commandLine = text(row.ProcessCommandLine);
    if (!commandLine || seen.has(commandLine) || findings.length >= MAX_FINDINGS) continue;
    seen.add(commandLine);
    const device = text(row.DeviceName) || 'an unnamed device';
    const account = text(row.AccountUpn) || text(row.AccountName) || 'an unknown account';
    const { does, severity, decoded } = describe(commandLine);
    const at = time(row.TimeGenerated) ?? time(row.Timestamp);
    findings.push({
      title: `Encoded PowerShell on ${device} by ${account}`,
      detail: `${decoded ? `Decoded: ${oneLine(decoded, 300)}. ` : ''}It ${does}.`,
      severity,
      ...(at === undefined ? {} : { when: new Date(at).toISOString() }),
      citations: [options.sourceId],
    });
  }
  const newest = result.rows[0];
  const newestLine = newest ? text(newest.ProcessCommandLine) : '';
  const newestWhen = newest ? (time(newest.TimeGenerated) ?? time(newest.Timestamp)) : undefined;
  const sentences = [
    `${options.service} found ${plural(result.rowCount, 'PowerShell process', 'PowerShell processes')} started with an encoded command in ${period}, on ${countedList(devices, 'device')} by ${countedList(accounts, 'account')}.`,
  ];
  if (newestLine) {
    const where = [
      newest ? text(newest.DeviceName) : '',
      newestWhen === undefined
        ? ''
        : `${new Date(newestWhen).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    ].filter(Boolean);
    sentences.push(`The newest${where.length ? ` (${where.join(', ')})` : ''} ${describe(newestLine).does}.`);
  }
  return { summary: sentences.join(' '), riskLevel: highest(findings, 'low'), findings, followUps: [] };
}

/** What an encoded command line does, in one line, and how bad script analysis rates it. */
function whatItDoes(commandLine: string): { does: string; severity: RiskLevel; decoded?: string } {
  const decoded = decodeEncodedPowerShell(commandLine);
  const analysis = analyzeScript(commandLine);
  const behaviours = analysis.behaviours
    .filter((behaviour) => behaviour.id !== 'encoded-command')
    .map((behaviour) => lowerFirst(behaviour.title));
  const urls = decoded?.urls.length ? decoded.urls : analysis.indicators.urls;
  const naming = urls.length ? `, naming ${urls.slice(0, 2).join(' and ')}` : '';
  const severity: RiskLevel =
    analysis.verdict === 'malicious' ? 'high' : analysis.verdict === 'suspicious' ? 'medium' : 'low';
  const action = behaviours.length
    ? `${joinWords(unique(behaviours).slice(0, 3))}${naming}`
    : decoded
      ? `decodes to a script with none of the behaviours Ward looks for${naming}`
      : 'hides its script in a way Ward could not decode';
  return {
    does: `${action}; script analysis rates it ${analysis.verdict} (read only, nothing was run)`,
    severity,
    ...(decoded ? { decoded: decoded.decoded } : {}),
  };
}

// ── A user's sign-ins ────────────────────────────────────────────────────────────────────────────────

interface SignIn {
  at?: number;
  ok: boolean;
  app: string;
  country: string;
  ip: string;
  risk: string;
  reason: string;
}

function userSignIns(result: HuntRows, period: string, options: SummariseHuntOptions): HuntSummary {
  const signIns: SignIn[] = result.rows.map((row) => ({
    at: time(row.TimeGenerated) ?? time(row.Timestamp),
    ok: row.ResultType !== undefined ? text(row.ResultType) === '0' : text(row.ActionType) === 'LogonSuccess',
    app: text(row.AppDisplayName) || text(row.Application),
    country: text(row.Location),
    ip: text(row.IPAddress),
    risk: text(row.RiskLevelDuringSignIn).toLowerCase(),
    reason: text(row.ResultDescription) || text(row.FailureReason),
  }));
  const user =
    options.user ??
    (text(result.rows[0]?.UserPrincipalName) || text(result.rows[0]?.AccountUpn) || 'The user');
  const failed = signIns.filter((signIn) => !signIn.ok);
  const countries = tally(signIns.map((signIn) => signIn.country));
  const apps = tally(signIns.map((signIn) => signIn.app));
  const risky = signIns.filter((signIn) => ['low', 'medium', 'high'].includes(signIn.risk));
  const findings: Finding[] = [];

  if (risky.length > 0) {
    const level = (['high', 'medium', 'low'] as const).find((candidate) =>
      risky.some((signIn) => signIn.risk === candidate),
    )!;
    findings.push({
      title: `${plural(risky.length, 'risky sign-in')} (highest: ${level})`,
      detail: `Identity Protection rated ${risky.length === 1 ? 'this sign-in' : 'these sign-ins'} risky while they happened: ${risky
        .slice(0, 3)
        .map(describeSignIn)
        .join('; ')}.`,
      severity: level,
      ...whenOf(risky[0]),
      citations: [options.sourceId],
    });
  }

  const travel = closestCountryChange(signIns);
  if (travel) {
    findings.push({
      title: `Sign-ins from ${travel.from.country} and ${travel.to.country} ${durationWords(travel.gapMs)} apart`,
      detail: `${describeSignIn(travel.from)}, then ${describeSignIn(travel.to)}. Two countries this close together is unlikely travel unless one is a VPN or a proxy.`,
      severity: 'medium',
      ...whenOf(travel.to),
      citations: [options.sourceId],
    });
  }

  if (failed.length >= 3) {
    const reasons = tally(failed.map((signIn) => signIn.reason));
    findings.push({
      title: `${plural(failed.length, 'failed sign-in')}`,
      detail: `Why: ${reasons
        .slice(0, 3)
        .map(([reason, count]) => `${reason} (${count})`)
        .join('; ')}.`,
      severity: failed.length >= 10 ? 'medium' : 'low',
      ...whenOf(failed[0]),
      citations: [options.sourceId],
    });
  }

  const sentences = [
    `${user} signed in ${plural(signIns.length, 'time')} in ${period}: ${signIns.length - failed.length} succeeded, ${failed.length} failed.`,
    `Countries: ${listTally(countries)}. Apps: ${listTally(apps, 4)}.`,
    risky.length > 0
      ? `${plural(risky.length, 'sign-in was', 'sign-ins were')} risky.`
      : result.columns.some((column) => column.name === 'RiskLevelDuringSignIn')
        ? 'None was risky.'
        : '',
  ];
  if (findings.length === 0)
    sentences.push('Nothing stands out: no risky sign-ins, no country change within hours.');
  return {
    summary: sentences.filter(Boolean).join(' '),
    riskLevel: highest(findings, 'none'),
    findings: ordered(findings),
    followUps: [],
  };
}

function describeSignIn(signIn: SignIn): string {
  const at =
    signIn.at === undefined ? '' : `${new Date(signIn.at).toISOString().slice(0, 16).replace('T', ' ')} UTC `;
  const where = [signIn.ip, signIn.country].filter(Boolean).join(', ');
  return `${at}${signIn.ok ? 'success' : 'failure'}${signIn.app ? ` to ${signIn.app}` : ''}${where ? ` from ${where}` : ''}`;
}

function whenOf(signIn: SignIn | undefined): { when?: string } {
  return signIn?.at === undefined ? {} : { when: new Date(signIn.at).toISOString() };
}

/** The two sign-ins from different countries closest in time, when closer than TRAVEL_WINDOW_MS. */
function closestCountryChange(
  signIns: readonly SignIn[],
): { from: SignIn; to: SignIn; gapMs: number } | undefined {
  const timed = signIns
    .filter((signIn): signIn is SignIn & { at: number } => signIn.at !== undefined && signIn.country !== '')
    .sort((a, b) => a.at - b.at);
  let best: { from: SignIn; to: SignIn; gapMs: number } | undefined;
  for (let index = 1; index < timed.length; index++) {
    const from = timed[index - 1]!;
    const to = timed[index]!;
    const gapMs = to.at - from.at;
    if (from.country !== to.country && gapMs <= TRAVEL_WINDOW_MS && (!best || gapMs < best.gapMs)) {
      best = { from, to, gapMs };
    }
  }
  return best;
}

// ── The analyst's own query ──────────────────────────────────────────────────────────────────────────

function ownQuery(result: HuntRows, period: string, options: SummariseHuntOptions): HuntSummary {
  const stringColumns = result.columns
    .filter((column) => column.type.toLowerCase() === 'string')
    .slice(0, 3)
    .map((column) => column.name);
  const findings: Finding[] = [];
  const frequent: string[] = [];
  for (const name of stringColumns) {
    const values = tally(result.rows.map((row) => text(row[name])));
    const [top, ...rest] = values;
    if (!top) continue;
    const distinct = values.length;
    frequent.push(`${name} ${oneLine(top[0], 120)} (${plural(top[1], 'row')})`);
    findings.push({
      title: `${name}: ${oneLine(top[0], 120)} in ${top[1]} of ${result.rows.length} rows`,
      detail: `${
        distinct === 1
          ? 'The only value.'
          : `${distinct} distinct values${
              rest.length
                ? `; next: ${rest
                    .slice(0, 2)
                    .map(([value, count]) => `${oneLine(value, 80)} (${count})`)
                    .join(', ')}`
                : ''
            }.`
      }`,
      severity: 'unknown',
      citations: [options.sourceId],
    });
  }
  const summary = [
    `Your query returned ${plural(result.rowCount, 'row')} from ${options.service} for ${period}.`,
    frequent.length ? `Most frequent: ${frequent.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { summary, riskLevel: 'unknown', findings, followUps: [] };
}

// ── Small readers and words ──────────────────────────────────────────────────────────────────────────

const stringArraySchema = z.array(z.string());

/** A string cell; numbers and booleans as text; anything else empty. */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function number(value: unknown): number {
  const parsed = typeof value === 'number' ? value : Number(text(value));
  return Number.isFinite(parsed) ? parsed : 0;
}

function time(value: unknown): number | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const parsed = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** A `dynamic` list of strings, as an array (Log Analytics) or its JSON text (advanced hunting). */
function stringList(value: unknown): string[] {
  if (Array.isArray(value))
    return stringArraySchema.catch([]).parse(value.filter((v) => typeof v === 'string'));
  if (typeof value !== 'string' || !value.trim().startsWith('[')) return [];
  try {
    return stringArraySchema.catch([]).parse(JSON.parse(value));
  } catch {
    return [];
  }
}

/** Non-empty values with their counts, most frequent first (ties in first-seen order). */
function tally(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function listTally(values: readonly [string, number][], max = 5): string {
  if (values.length === 0) return 'none recorded';
  const shown = values.slice(0, max).map(([value, count]) => `${value} (${count})`);
  return values.length > max ? `${shown.join(', ')} and ${values.length - max} more` : shown.join(', ');
}

/** `1 device (desktop-adele01)`, `3 devices (a, b and c)`, `7 devices (a, b, c and 4 more)`. */
function countedList(values: readonly [string, number][], noun: string): string {
  if (values.length === 0) return `no named ${noun}`;
  const names = values.slice(0, 3).map(([value]) => value);
  const more = values.length > 3 ? [`${values.length - 3} more`] : [];
  return `${plural(values.length, noun)} (${joinWords([...names, ...more])})`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

function oneLine(value: string, max: number): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** `the last 24 hours`, `the last 7 days`, `the last hour`; the timespan itself when it is not a plain duration. */
export function describePeriod(timespan: string): string {
  const match = /^P(?:(\d+)D|T(\d+)H)$/i.exec(timespan.trim());
  if (!match) return timespan;
  const days = match[1] === undefined ? undefined : Number(match[1]);
  const hours = match[2] === undefined ? undefined : Number(match[2]);
  if (days !== undefined) return days === 1 ? 'the last day' : `the last ${days} days`;
  if (hours === 1) return 'the last hour';
  if (hours !== undefined && hours > 48 && hours % 24 === 0) return `the last ${hours / 24} days`;
  return `the last ${hours} hours`;
}

function durationWords(ms: number): string {
  if (ms < MINUTE) return 'under a minute';
  if (ms < HOUR) return plural(Math.round(ms / MINUTE), 'minute');
  if (ms < 48 * HOUR) return plural(Math.round(ms / HOUR), 'hour');
  return plural(Math.round(ms / (24 * HOUR)), 'day');
}

function highest(findings: readonly Finding[], otherwise: RiskLevel): RiskLevel {
  let level: RiskLevel | undefined;
  for (const finding of findings) {
    const severity = finding.severity ?? 'unknown';
    if (severity === 'unknown') continue;
    if (level === undefined || RISK_ORDER.indexOf(severity) > RISK_ORDER.indexOf(level)) level = severity;
  }
  return level ?? otherwise;
}

/** Most severe first, at most MAX_FINDINGS. */
function ordered(findings: readonly Finding[]): Finding[] {
  return [...findings]
    .sort((a, b) => RISK_ORDER.indexOf(b.severity ?? 'unknown') - RISK_ORDER.indexOf(a.severity ?? 'unknown'))
    .slice(0, MAX_FINDINGS);
}
