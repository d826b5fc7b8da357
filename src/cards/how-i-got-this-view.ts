/**
 * The answer card's collapsible "How I got this" section: which planner answered (Ward's rules or which
 * model), every source consulted with its skill, the plugin version, its inputs (short), the request behind
 * it — a Graph or ARM path as text, a KQL query whole in a monospace block — its duration and, for a source
 * that failed, why; then how long each stage took. Everything that came from the tenant or a model is
 * escaped; lists and queries are bounded so the card stays within Teams' size limit ("+N more").
 * It must never build card JSON or read the clock.
 */
import type { Answer, AnswerTimings, Source } from '../core/answer.js';
import { escapeCardText } from './escape-card-text.js';

/** One request behind a source: `head` (method and path) always, `query` (KQL, one clause a line) when there is one. */
export interface HowRequestView {
  head: string;
  /** Empty hides the monospace block. */
  query: string;
}

/** One source in "How I got this". */
export interface HowSourceView {
  /** `S1 · entra.riskyUser · Microsoft Entra ID 1.2.0 · 120 ms`. */
  heading: string;
  color: 'default' | 'attention';
  /** `Inputs: userId: 5f0c… · days: 30`; empty hides it. */
  inputs: string;
  requests: HowRequestView[];
  /** `Failed: throttled by Microsoft Graph`; empty when it answered. */
  failure: string;
}

/** What the "How I got this" container binds to. */
export interface HowIGotThisView {
  toggleTitle: string;
  /** `Planner: Ward's rules (deterministic, no model)` or `Planner: model gpt-4o-mini`. */
  planner: string;
  /** `Sources: 3 consulted, 1 failed`. */
  summary: string;
  sources: HowSourceView[];
  /** `+4 more sources (listed under Sources)`; empty when every source is shown. */
  more: string;
  /** `Timings: grounding 2 ms · planning 412 ms (sources 380 ms) · post-processing 3 ms · total 417 ms`; empty when unknown. */
  timings: string;
}

/** How much the section shows; the answer card tightens these for answers that would not fit. */
export interface HowIGotThisLimits {
  /** Sources detailed; the rest are counted. */
  sources: number;
  /** Requests shown per source. */
  requests: number;
  /** Longest KQL query shown, in characters. */
  queryMax: number;
  /** KQL characters the whole section may show; later queries are cut shorter (to 200) once it is spent. */
  queryBudget: number;
  /** Longest request line (method and path). */
  requestMax: number;
  /** Longest inputs line, in characters. */
  inputsMax: number;
}

export const defaultHowLimits: HowIGotThisLimits = {
  sources: 12,
  requests: 3,
  queryMax: 3_000,
  queryBudget: 8_000,
  requestMax: 400,
  inputsMax: 300,
};

/** A request that carries a query: `POST /v1/workspaces/{id}/query (P7D): SigninLogs | …`. */
const queryRequest = /^(\S+ \S+(?: \([^)]{1,40}\))?): ([\s\S]+)$/;

/** Builds the section's view-model from a validated Answer. Pure. */
export function toHowIGotThisView(
  answer: Answer,
  limits: HowIGotThisLimits = defaultHowLimits,
): HowIGotThisView {
  const budget = { left: limits.queryBudget };
  const shown = answer.sources.slice(0, limits.sources);
  const hidden = answer.sources.length - shown.length;
  const failed = answer.sources.filter((source) => !source.ok).length;
  return {
    toggleTitle: 'How I got this',
    planner:
      answer.planner === 'rules'
        ? "Planner: Ward's rules (deterministic, no model)"
        : `Planner: model ${escapeCardText(answer.planner, { maxLength: 80 })}`,
    summary:
      answer.sources.length === 0
        ? 'Sources: none consulted'
        : `Sources: ${answer.sources.length} consulted${failed > 0 ? `, ${failed} failed` : ''}`,
    sources: shown.map((source) => toSourceView(source, budget, limits)),
    more: hidden > 0 ? `+${hidden} more ${hidden === 1 ? 'source' : 'sources'} (listed under Sources)` : '',
    timings: answer.timings ? describeTimings(answer.timings) : '',
  };
}

function toSourceView(source: Source, budget: { left: number }, limits: HowIGotThisLimits): HowSourceView {
  const ref = source.skill.includes('.') ? source.skill : `${source.plugin}.${source.skill}`;
  const service = source.version ? `${source.service} ${source.version}` : source.service;
  const parts = [source.id, ref, service];
  if (source.durationMs !== undefined) parts.push(formatMs(source.durationMs));
  const requests = source.requests
    .slice(0, limits.requests)
    .map((request) => toRequestView(request, budget, limits));
  const more = source.requests.length - limits.requests;
  if (more > 0) requests.push({ head: `+${more} more ${more === 1 ? 'request' : 'requests'}`, query: '' });
  return {
    heading: escapeCardText(parts.join(' · '), { maxLength: 300 }),
    color: source.ok ? 'default' : 'attention',
    inputs: source.input ? describeInputs(source.input, limits.inputsMax) : '',
    requests,
    failure: source.ok
      ? ''
      : escapeCardText(`Failed: ${source.error ?? 'no reason was given'}`, { maxLength: 600 }),
  };
}

/**
 * A request as the card shows it: the method and path, and the KQL query (one clause a line) when it carries
 * one. `budget` is the KQL characters the card may still show; it is spent here.
 */
export function toRequestView(
  request: string,
  budget: { left: number } = { left: defaultHowLimits.queryMax },
  limits: Pick<HowIGotThisLimits, 'queryMax' | 'requestMax'> = defaultHowLimits,
): HowRequestView {
  const match = queryRequest.exec(request);
  if (!match) return { head: escapeCardText(request, { maxLength: limits.requestMax }), query: '' };
  const room = Math.max(200, Math.min(limits.queryMax, budget.left));
  const query = formatKql(match[2]!);
  budget.left -= Math.min(query.length, room);
  return {
    head: escapeCardText(`${match[1]} · KQL:`, { maxLength: 200 }),
    query: escapeCardText(query, { maxLength: room, multiline: true }),
  };
}

/** `Inputs: userId: 5f0c… · days: 30`, values compact, the whole bounded. */
export function describeInputs(input: Record<string, unknown>, maxLength = 300): string {
  const entries = Object.entries(input);
  if (entries.length === 0) return '';
  const text = entries
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return escapeCardText(`Inputs: ${text}`, { maxLength });
}

/**
 * A KQL query with one clause a line: a new line before each `|` outside string literals (the ledger's
 * request text has the query on one line).
 */
export function formatKql(query: string): string {
  const lines: string[] = [];
  let line = '';
  let quote: string | undefined;
  for (let index = 0; index < query.length; index += 1) {
    const character = query[index]!;
    if (quote) {
      line += character;
      if (character === '\\') {
        line += query[index + 1] ?? '';
        index += 1;
      } else if (character === quote) {
        quote = undefined;
      }
      continue;
    }
    if (character === '"' || character === "'") quote = character;
    if (character === '|' && line.trim() !== '') {
      lines.push(line.trim());
      line = '';
    }
    line += character;
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines.join('\n');
}

function describeTimings(timings: AnswerTimings): string {
  const planning =
    timings.sourcesMs === undefined
      ? formatMs(timings.planningMs)
      : `${formatMs(timings.planningMs)} (sources ${formatMs(timings.sourcesMs)})`;
  return `Timings: grounding ${formatMs(timings.groundingMs)} · planning ${planning} · post-processing ${formatMs(
    timings.postprocessMs,
  )} · total ${formatMs(timings.totalMs)}`;
}

/** `42 ms`, `1.2 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
