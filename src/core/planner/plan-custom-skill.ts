/**
 * The rules planner's answer to a question that names a custom skill's trigger phrase: fills the skill's
 * parameters from what the question grounds, by type (a UPN from the question or the user it names, an IP,
 * domain, hash, device or incident from its entities, hours or days from "last 3 days", a pattern-matching
 * word or quoted text for free text, else the default), asks for a required one it cannot fill (naming it,
 * with an example), calls the skill through the ledger and answers with a generic card: a summary, the KQL as
 * evidence for KQL skills, the rows or the JSON flattened to facts and a table, the model's text labelled as
 * the model's for prompt skills, cited. A failed source is an explicit partial answer naming it.
 * It never builds a query or a request itself: the skill's schema and its plugin do.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type {
  CustomSkillDescriptor,
  CustomSkillParameter,
} from '../../plugins/custom/custom-skill-descriptor.js';
import { findCustomTrigger } from '../../plugins/custom/custom-skill-descriptor.js';
import type { HttpSkillResult } from '../../plugins/custom/http-skill.js';
import type { PromptSkillResult } from '../../plugins/custom/prompt-skill.js';
import type { HuntingResult } from '../../plugins/sentinel/run-hunting-query.js';
import type { AnswerDraft, EvidenceTable } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import { cleanMessageText } from '../grounding/clean-message-text.js';
import { tokenizeMessage } from '../grounding/tokenize-message.js';
import type { PlanInput, PlanOutcome } from './planner.js';
import { ambiguousUserHelp, userNotFoundHelp } from './unresolved-user-help.js';

const MAX_COLUMNS = 6;
const MAX_ROWS = 25;
const MAX_CELL = 200;
const MAX_FACTS = 10;

type Bound = { ok: true; input: Record<string, unknown> } | { ok: false; outcome: PlanOutcome };

/** Answers a question that triggered one of `skills`. */
export async function planCustomSkill(
  input: PlanInput,
  skills: readonly CustomSkillDescriptor[],
): Promise<PlanOutcome> {
  const match = findCustomTrigger(input.turn.text, skills);
  const skill = skills.find((candidate) => candidate.ref === match?.ref);
  if (!skill) {
    return { kind: 'help', reason: "I didn't recognise which custom skill the question is for." };
  }
  const bound = await bindParameters(input, skill);
  if (!bound.ok) return bound.outcome;
  const call = await input.ledger.call(skill.ref, bound.input);
  const sources = input.ledger.sources();
  if (!call.ok) {
    const refused = call.error.code === 'invalid_input';
    const notFound = call.error.code === 'not_found';
    return {
      kind: 'answer',
      draft: {
        intent: 'custom',
        title: boundedText(
          `${skill.title}: ${refused ? 'refused' : notFound ? 'nothing found' : `${skill.service} unavailable`}`,
          200,
        ),
        summary: boundedText(
          `${call.error.message} ${refused ? 'Nothing was run.' : notFound ? '' : `Ward could not get ${skill.title.toLowerCase()} from ${skill.service}; try again in a minute.`}`.trim(),
          4_000,
        ),
        riskLevel: 'unknown',
        facts: factsOf(skill, bound.input),
        planner: 'rules',
        sources,
        // A source that was down may answer now; a refused input would be refused again.
        rerunnable: !refused && !notFound,
      },
    };
  }
  const base = {
    intent: 'custom',
    riskLevel: 'unknown' as const,
    planner: 'rules',
    sources,
    // A query or an API read gives a fresh answer when run again ("Run again" on the card); a model's text
    // would only be rewritten.
    rerunnable: skill.kind !== 'prompt',
  };
  switch (skill.kind) {
    case 'kql':
      return {
        kind: 'answer',
        draft: { ...base, ...kqlAnswer(skill, call.data as HuntingResult, call.sourceId, bound.input) },
      };
    case 'http':
      return {
        kind: 'answer',
        draft: { ...base, ...httpAnswer(skill, call.data as HttpSkillResult, call.sourceId, bound.input) },
      };
    case 'prompt':
      return {
        kind: 'answer',
        draft: { ...base, ...promptAnswer(skill, call.data as PromptSkillResult, bound.input) },
      };
  }
}

/** The skill's input, from the question; or help naming the first required parameter it cannot fill. */
async function bindParameters(input: PlanInput, skill: CustomSkillDescriptor): Promise<Bound> {
  const values: Record<string, unknown> = {};
  const text = input.turn.text;
  const words = questionWords(text);
  for (const parameter of skill.parameters) {
    const found = await valueFor(parameter, input, words);
    if (found && 'outcome' in found) return { ok: false, outcome: found.outcome };
    if (found) values[parameter.name] = found.value;
    else if (parameter.required) return { ok: false, outcome: missingParameter(skill, parameter) };
    // Otherwise the skill's schema fills in the default.
  }
  return { ok: true, input: values };
}

type Found = { value: unknown } | { outcome: PlanOutcome } | undefined;

async function valueFor(
  parameter: CustomSkillParameter,
  input: PlanInput,
  words: readonly string[],
): Promise<Found> {
  const { entities } = input;
  const first = (list: readonly string[]) => (list[0] === undefined ? undefined : { value: list[0] });
  switch (parameter.type) {
    case 'upn':
      return entities.upns[0] !== undefined ? { value: entities.upns[0] } : userPrincipalName(input);
    case 'ip':
      return first(entities.ips);
    case 'hash':
      return first(entities.hashes.map((hash) => hash.value));
    case 'device':
      return first(entities.devices);
    case 'incident':
      return (
        first(entities.incidentIds) ?? (input.linkedIncident ? { value: input.linkedIncident } : undefined)
      );
    case 'domain':
      return first(words.filter(looksLikeDomain));
    case 'hours':
    case 'days': {
      const hours = hoursIn(input.turn.text);
      if (hours === undefined) return undefined;
      // "last 400 days" on a skill that looks back at most 90: the most it can.
      const value = parameter.type === 'hours' ? hours : Math.max(1, Math.ceil(hours / 24));
      return { value: Math.min(parameter.max ?? value, Math.max(parameter.min ?? value, value)) };
    }
    case 'string':
      return quotedText(input.turn.text) ?? patternWord(parameter, words);
    default:
      // integer, number, boolean: nothing in a question says which number is meant; the default is used.
      return undefined;
  }
}

/** The UPN of the user the question names (by name), resolved in the directory; help when it cannot be. */
async function userPrincipalName(input: PlanInput): Promise<Found> {
  if (input.entities.names.length === 0) return undefined;
  const resolution = await input.resolveUser();
  switch (resolution.kind) {
    case 'resolved': {
      const user: GraphUser = resolution.user;
      return user.userPrincipalName ? { value: user.userPrincipalName } : undefined;
    }
    case 'ambiguous':
      return { outcome: ambiguousUserHelp(resolution) };
    case 'not-found':
      return { outcome: userNotFoundHelp(resolution.query) };
    default:
      return undefined;
  }
}

function missingParameter(skill: CustomSkillDescriptor, parameter: CustomSkillParameter): PlanOutcome {
  const trigger = skill.triggers[0] ?? skill.title.toLowerCase();
  const what = parameter.description ? ` (${parameter.description})` : '';
  const example =
    parameter.type === 'string' && !parameter.pattern ? `"${parameter.example}"` : parameter.example;
  return {
    kind: 'help',
    reason: boundedText(
      `${skill.title} (${skill.service}) needs ${parameter.name}${what}. Ask again with it, e.g. "${trigger} ${example}".`,
      600,
    ),
  };
}

/** The words of the question as written (URLs and punctuation around words dropped). */
function questionWords(text: string): string[] {
  return tokenizeMessage(cleanMessageText(text).text)
    .filter((token) => token.kind === 'word')
    .map((token) => token.text.replace(/[.,;:!?]+$/, ''));
}

/** The first `"quoted text"` of the question. */
function quotedText(text: string): Found {
  const quoted = /["“]([^"“”\n]{1,256})["”]/.exec(text)?.[1]?.trim();
  return quoted ? { value: quoted } : undefined;
}

/** The first word of the question the parameter's pattern matches whole (`NL` for `^[A-Z]{2}$`). */
function patternWord(parameter: CustomSkillParameter, words: readonly string[]): Found {
  if (!parameter.pattern) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(parameter.pattern);
  } catch {
    return undefined;
  }
  const word = words.find((candidate) => candidate.length <= 256 && pattern.test(candidate));
  return word === undefined ? undefined : { value: word };
}

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function looksLikeDomain(word: string): boolean {
  return !word.includes('@') && DOMAIN.test(word) && !/^\d+(?:\.\d+)+$/.test(word);
}

/** The period the question names ("last 3 days", "past 12 hours", "this week", "today"), in hours. */
function hoursIn(text: string): number | undefined {
  const match = /\b(?:last|past)\s+(\d{1,3})\s*(hours?|h|days?|d|weeks?|w)\b/i.exec(text);
  if (match) {
    const amount = Number(match[1]);
    const unit = match[2]!.toLowerCase()[0];
    return Math.max(1, unit === 'h' ? amount : unit === 'd' ? amount * 24 : amount * 24 * 7);
  }
  if (/\b(?:this|last|past)\s+week\b/i.test(text)) return 24 * 7;
  if (/\b(?:this|last|past)\s+month\b/i.test(text)) return 24 * 30;
  if (/\btoday\b|\blast\s+day\b/i.test(text)) return 24;
  return undefined;
}

function factsOf(
  skill: CustomSkillDescriptor,
  values: Record<string, unknown>,
): { label: string; value: string }[] {
  // What the skill ran with: the values from the question, and the defaults it filled in.
  const used = skill.parameters.flatMap((parameter) => {
    const value = values[parameter.name] ?? parameter.default;
    return value === undefined ? [] : [{ label: parameter.name, value: cell(value) }];
  });
  return [{ label: 'Skill', value: `${skill.ref} (${skill.service}, custom plugin)` }, ...used.slice(0, 4)];
}

function kqlAnswer(
  skill: CustomSkillDescriptor,
  result: HuntingResult,
  sourceId: string,
  values: Record<string, unknown>,
): Omit<AnswerDraft, 'intent' | 'riskLevel' | 'planner'> {
  const columns = result.columns.slice(0, MAX_COLUMNS).map((column) => column.name);
  const rows = result.rows.slice(0, MAX_ROWS).map((row) => columns.map((name) => cell(row[name])));
  const count = `${result.rowCount}${result.truncated ? '+' : ''} row${result.rowCount === 1 ? '' : 's'}`;
  const first = rows[0] ? columns.map((name, index) => `${name} ${rows[0]?.[index]}`).join(', ') : undefined;
  return {
    title: boundedText(`${skill.title}: ${count}`, 200),
    summary: result.rowCount
      ? `${skill.service} returned ${count} from Sentinel for ${result.timespan}. First: ${first}.${
          result.partialError ? ` The service returned a partial result: ${result.partialError}` : ''
        }`
      : `${skill.service} returned no rows from Sentinel for ${result.timespan}: nothing matched.`,
    facts: [
      ...factsOf(skill, values),
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
      `${skill.title} is a custom skill of ${skill.service} (${skill.ref}); its parameters are written into the query as KQL literals, and the query is validated against the workspace schema before it runs.`,
    ],
  };
}

function httpAnswer(
  skill: CustomSkillDescriptor,
  result: HttpSkillResult,
  sourceId: string,
  values: Record<string, unknown>,
): Omit<AnswerDraft, 'intent' | 'riskLevel' | 'planner'> {
  const { facts, table, items } = flatten(result.body);
  const evidence: EvidenceTable[] = table
    ? [{ title: `${skill.title} (${items} item${items === 1 ? '' : 's'})`, ...table, citations: [sourceId] }]
    : [];
  const shown = facts.slice(0, 3).map((fact) => `${fact.label} ${fact.value}`);
  const firstRow = table?.rows[0]?.map((value, index) => `${table.columns[index]} ${value}`).join(', ');
  const summary =
    items > 0
      ? `${skill.service} returned ${items} item${items === 1 ? '' : 's'}.${firstRow ? ` First: ${firstRow}.` : ''}`
      : facts.length > 0
        ? `${skill.service} returned ${facts.length} field${facts.length === 1 ? '' : 's'}: ${shown.join(', ')}${facts.length > shown.length ? ', …' : ''}.`
        : `${skill.service} returned nothing to show.`;
  return {
    title: boundedText(
      `${skill.title}: ${items > 0 ? `${items} item${items === 1 ? '' : 's'}` : `${facts.length} field${facts.length === 1 ? '' : 's'}`}`,
      200,
    ),
    summary: boundedText(summary, 4_000),
    facts: [...factsOf(skill, values), ...facts].slice(0, 12),
    findings: [],
    evidence,
    guidance: [
      `${skill.title} is a custom skill of ${skill.service} (${skill.ref}): a read-only GET of its API.`,
    ],
  };
}

function promptAnswer(
  skill: CustomSkillDescriptor,
  result: PromptSkillResult,
  values: Record<string, unknown>,
): Omit<AnswerDraft, 'intent' | 'riskLevel' | 'planner'> {
  return {
    title: boundedText(`${skill.title} (written by the model)`, 200),
    summary: boundedText(`${result.text}${result.truncated ? ' …' : ''}`, 4_000),
    facts: [
      ...factsOf(skill, values),
      { label: 'Written by', value: 'the model, from the skill’s prompt template' },
    ],
    guidance: [
      'This text was written by a language model from a custom prompt template, not read from your tenant: treat it as a draft and check it before acting on it.',
    ],
  };
}

/** A JSON body as facts (its scalar fields) and a table (its first list of objects or values). */
function flatten(body: unknown): {
  facts: { label: string; value: string }[];
  table?: { columns: string[]; rows: string[][] };
  items: number;
} {
  const facts: { label: string; value: string }[] = [];
  let list: unknown[] | undefined;
  if (Array.isArray(body)) list = body;
  else if (body !== null && typeof body === 'object') {
    const visit = (value: Record<string, unknown>, prefix: string, depth: number) => {
      for (const [key, item] of Object.entries(value)) {
        const label = prefix ? `${prefix}.${key}` : key;
        if (Array.isArray(item)) {
          list ??= item;
          if (list !== item && facts.length < MAX_FACTS) facts.push({ label, value: `${item.length} items` });
        } else if (item !== null && typeof item === 'object') {
          if (depth < 2) visit(item as Record<string, unknown>, label, depth + 1);
        } else if (facts.length < MAX_FACTS) {
          facts.push({ label: boundedText(label, 100), value: cell(item) });
        }
      }
    };
    visit(body as Record<string, unknown>, '', 0);
  } else if (body !== null && body !== undefined) {
    facts.push({ label: 'Value', value: cell(body) });
  }
  if (!list || list.length === 0) return { facts, items: list?.length ?? 0 };
  const objects = list.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
  if (!objects) {
    return {
      facts,
      table: { columns: ['Value'], rows: list.slice(0, MAX_ROWS).map((item) => [cell(item)]) },
      items: list.length,
    };
  }
  const columns: string[] = [];
  for (const item of list.slice(0, MAX_ROWS)) {
    for (const key of Object.keys(item as object)) {
      if (columns.length >= MAX_COLUMNS) break;
      if (!columns.includes(key)) columns.push(key);
    }
  }
  const rows = list
    .slice(0, MAX_ROWS)
    .map((item) => columns.map((column) => cell((item as Record<string, unknown>)[column])));
  return {
    facts,
    table: { columns: columns.map((column) => boundedText(column, 60)), rows },
    items: list.length,
  };
}

function cell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}
