/**
 * Runs the evaluation scenarios through the whole pipeline: a real Ward (`startWard`) on the demo tenant, each
 * question POSTed to /api/messages as a Teams channel @mention with a local connector server as `serviceUrl`,
 * and every turn scored from what Ward stored (the `answers` row's Answer JSON and intent, the
 * `pending_actions` rows behind its buttons) and the card it posted. Shared by `scripts/eval.ts` and
 * `test/integration/scenarios.test.ts`; never imports vitest.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { Answer } from '../../src/core/answer.js';
import { type Entities, extractEntities } from '../../src/core/grounding/extract-entities.js';
import { classifyIntent } from '../../src/core/planner/classify-intent.js';
import type { Database } from '../../src/store/database.js';
import { startWard } from '../../src/ward.js';
import { startConnectorServer } from '../support/connector-server.js';
import { channelMention } from '../support/teams-activities.js';
import {
  type ActionExpectation,
  parseScenarioFile,
  type Scenario,
  type TurnExpectation,
} from './scenario-schema.js';

export const SCENARIO_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every scenario in `dir`'s `*.json` files, validated; throws naming the file and problem. */
export async function loadScenarios(dir = SCENARIO_DIR): Promise<Scenario[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const scenarios: Scenario[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    for (const scenario of parseScenarioFile(file, await readFile(join(dir, file), 'utf8'))) {
      if (ids.has(scenario.id)) throw new Error(`${file}: scenario id "${scenario.id}" is used twice`);
      ids.add(scenario.id);
      scenarios.push(scenario);
    }
  }
  return scenarios;
}

/** One scored check of one turn. */
export interface CheckResult {
  name: string;
  pass: boolean;
  /** What was expected and what Ward did, when it failed. */
  detail?: string;
}

export interface TurnResult {
  ask: string;
  intent: string;
  reply: 'answer' | 'help' | 'error' | 'none';
  checks: CheckResult[];
}

export interface ScenarioResult {
  id: string;
  plugin: string;
  turns: TurnResult[];
  passed: number;
  total: number;
}

export interface PlannerResult {
  planner: string;
  scenarios: ScenarioResult[];
  passed: number;
  total: number;
  /** Checks passed, in percent. */
  score: number;
  /** Scenarios with every check passed. */
  scenariosPassed: number;
}

export interface RunScenariosOptions {
  /** Name on the score table: `rules`, or the model. */
  planner: string;
  /** Settings besides the test defaults (a model's, for the model planner). */
  environment?: Record<string, string>;
  /** The database Ward uses (migrated by Ward); closed by the runner. */
  openDatabase: () => Promise<Database>;
  onScenario?: (result: ScenarioResult) => void;
}

interface StoredAction {
  action: string;
  target: { kind: string; id: string; displayName?: string };
}

/** Starts Ward, runs every scenario against it (demo tenant reset between scenarios) and scores it. */
export async function runScenarios(
  scenarios: Scenario[],
  options: RunScenariosOptions,
): Promise<PlannerResult> {
  const database = await options.openDatabase();
  const connector = await startConnectorServer();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    PLAYGROUND: '0',
    TENANT_MODE: 'demo',
    LOG_LEVEL: 'silent',
    ...options.environment,
  });
  const ward = await startWard({
    config,
    log: pino({ level: process.env.EVAL_LOG_LEVEL ?? 'silent' }),
    database,
  });
  const demo = ward.demoTenantUrl;
  if (demo === undefined) throw new Error('the scenarios need the demo tenant');
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${demo}/_demo/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} /_demo/${path}: ${response.status} ${await response.text()}`);
  };
  const run = randomUUID().slice(0, 8);
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      await control('POST', 'reset');
      await control('PUT', 'throttle', { identityProtection: false });
      const threadRoot = `eval-${run}-${scenario.conversation.thread}`;
      const turns: TurnResult[] = [];
      for (const turn of scenario.turns) {
        const activity = channelMention(connector.url, turn.ask, {
          threadRoot,
          channelName: scenario.conversation.channelName,
        });
        const conversationId = (activity.conversation as { id: string }).id;
        const before = await answerCount(database, conversationId);
        const messagesBefore = connector.messages(conversationId).length;
        const response = await fetch(`${ward.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        await response.text();
        const posted = connector.messages(conversationId).slice(messagesBefore);
        const text = posted.map((message) => cardText(message.body)).join('\n');
        const stored = (await answerCount(database, conversationId)) > before;
        const row = stored ? await latestAnswer(database, conversationId) : undefined;
        const actions = row ? await pendingActions(database, row.id) : [];
        const entities = extractEntities(turn.ask);
        let reply: TurnResult['reply'] = 'none';
        if (row) reply = 'answer';
        else if (/Something went wrong|couldn't save it/.test(text)) reply = 'error';
        else if (posted.length > 0) reply = 'help';
        // Help is never stored: classify the text the way the orchestrator does.
        const intent = row?.intent ?? helpIntent(turn.ask, entities);
        turns.push({
          ask: turn.ask,
          intent,
          reply,
          checks: scoreTurn(turn.expect, { intent, reply, entities, answer: row?.answer, actions, text }),
        });
      }
      const checks = turns.flatMap((turn) => turn.checks);
      const result: ScenarioResult = {
        id: scenario.id,
        plugin: scenario.plugin,
        turns,
        passed: checks.filter((check) => check.pass).length,
        total: checks.length,
      };
      results.push(result);
      options.onScenario?.(result);
    }
  } finally {
    await ward.close();
    await connector.close();
    await database.close();
  }
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const total = results.reduce((sum, result) => sum + result.total, 0);
  return {
    planner: options.planner,
    scenarios: results,
    passed,
    total,
    score: total === 0 ? 0 : (100 * passed) / total,
    scenariosPassed: results.filter((result) => result.passed === result.total).length,
  };
}

/** A reply that recorded nothing: the intent as the orchestrator reads it with memory on and nothing remembered. */
function helpIntent(text: string, entities: Entities): string {
  return classifyIntent(text, entities, { followUp: {} }).intent;
}

async function answerCount(database: Database, conversationId: string): Promise<number> {
  const rows = await database.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM answers WHERE conversation_id = $1',
    [conversationId],
  );
  return Number(rows.rows[0]?.count ?? 0);
}

async function latestAnswer(
  database: Database,
  conversationId: string,
): Promise<{ id: string; intent: string; answer: Answer } | undefined> {
  const rows = await database.query<{ id: string; intent: string; answer: Answer }>(
    'SELECT id, intent, answer FROM answers WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1',
    [conversationId],
  );
  return rows.rows[0];
}

async function pendingActions(database: Database, answerId: string): Promise<StoredAction[]> {
  const rows = await database.query<StoredAction>(
    'SELECT action, target FROM pending_actions WHERE answer_id = $1',
    [answerId],
  );
  return rows.rows;
}

/** All text of the Adaptive Cards in a posted activity (and its plain text), markdown escapes removed. */
function cardText(activity: Record<string, unknown>): string {
  const parts: string[] = typeof activity.text === 'string' ? [activity.text] : [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value'])
        if (typeof record[key] === 'string') parts.push(record[key] as string);
      Object.values(record).forEach(visit);
    }
  };
  visit(activity.attachments);
  return parts.join('\n').replace(/\\([\\*_[\]\-+=#.)])/g, '$1');
}

interface Observed {
  intent: string;
  reply: TurnResult['reply'];
  entities: Entities;
  answer: Answer | undefined;
  actions: StoredAction[];
  text: string;
}

const matches = (source: string, value: string | undefined): boolean =>
  value !== undefined && new RegExp(source, 'i').test(value);
const short = (value: string | undefined, max = 140): string =>
  value === undefined ? '(none)' : value.length > max ? `${value.slice(0, max)}…` : value;

/** Scores one turn: one check per expectation (each entity list, finding and action counts once). */
export function scoreTurn(expect: TurnExpectation, observed: Observed): CheckResult[] {
  const checks: CheckResult[] = [];
  const check = (name: string, pass: boolean, detail: string) =>
    checks.push(pass ? { name, pass } : { name, pass, detail });
  const { answer } = observed;

  check('intent', observed.intent === expect.intent, `expected ${expect.intent}, got ${observed.intent}`);
  check('reply', observed.reply === expect.reply, `expected ${expect.reply}, got ${observed.reply}`);
  for (const [key, expected] of Object.entries(expect.entities ?? {}) as [keyof Entities, string[]][]) {
    const found =
      key === 'hashes'
        ? observed.entities.hashes.map((hash) => hash.value)
        : (observed.entities[key] as string[]).map(String);
    const lower = new Set(found.map((value) => value.toLowerCase()));
    const missing = expected.filter((value) => !lower.has(value.toLowerCase()));
    check(
      `entities.${key}`,
      missing.length === 0,
      `missing ${missing.join(', ')}; found [${found.join(', ')}]`,
    );
  }
  if (expect.title !== undefined)
    check('title', matches(expect.title, answer?.title), `/${expect.title}/ vs "${short(answer?.title)}"`);
  if (expect.summary !== undefined)
    check(
      'summary',
      matches(expect.summary, answer?.summary),
      `/${expect.summary}/ vs "${short(answer?.summary, 240)}"`,
    );
  if (expect.subject !== undefined) {
    const subject = answer?.subject?.displayName ?? answer?.subject?.id;
    check('subject', matches(expect.subject, subject), `/${expect.subject}/ vs ${short(subject)}`);
  }
  if (expect.riskLevel !== undefined) {
    const allowed = Array.isArray(expect.riskLevel) ? expect.riskLevel : [expect.riskLevel];
    const level = answer?.riskLevel;
    check(
      'riskLevel',
      level !== undefined && allowed.includes(level),
      `expected ${allowed.join('|')}, got ${level ?? '(no answer)'}`,
    );
  }
  const findings = (answer?.findings ?? []).map((finding) => `${finding.title} — ${finding.detail ?? ''}`);
  for (const phrase of expect.findings ?? []) {
    check(
      `finding /${phrase}/`,
      findings.some((finding) => matches(phrase, finding)),
      `no finding matches; findings: ${findings.map((finding) => `"${short(finding, 80)}"`).join('; ') || '(none)'}`,
    );
  }
  for (const phrase of expect.cardText ?? []) {
    check(`card /${phrase}/`, matches(phrase, observed.text), `card text: "${short(observed.text, 200)}"`);
  }
  const describe = (action: StoredAction) =>
    `${action.action}→${action.target.displayName ?? action.target.id}`;
  const proposed = observed.actions.map(describe).join(', ') || '(none)';
  for (const wanted of expect.actions?.present ?? [])
    check(
      `action ${actionLabel(wanted)}`,
      observed.actions.some((action) => actionMatches(wanted, action)),
      `not proposed; proposed: ${proposed}`,
    );
  for (const unwanted of expect.actions?.absent ?? [])
    check(
      `no action ${actionLabel(unwanted)}`,
      !observed.actions.some((action) => actionMatches(unwanted, action)),
      `proposed anyway: ${proposed}`,
    );
  return checks;
}

function actionLabel(expectation: ActionExpectation): string {
  return expectation.target === undefined
    ? expectation.action
    : `${expectation.action}→/${expectation.target}/`;
}

function actionMatches(expectation: ActionExpectation, action: StoredAction): boolean {
  if (action.action !== expectation.action) return false;
  if (expectation.target === undefined) return true;
  // The name an analyst reads on the button; the id only when there is none (a negative regex must not match ids).
  return matches(expectation.target, action.target.displayName ?? action.target.id);
}

/** Score rows per plugin, for one planner. */
export function scoreByPlugin(result: PlannerResult): {
  plugin: string;
  scenarios: number;
  scenariosPassed: number;
  passed: number;
  total: number;
  score: number;
}[] {
  const rows = new Map<
    string,
    { scenarios: number; scenariosPassed: number; passed: number; total: number }
  >();
  for (const scenario of result.scenarios) {
    const row = rows.get(scenario.plugin) ?? { scenarios: 0, scenariosPassed: 0, passed: 0, total: 0 };
    row.scenarios++;
    if (scenario.passed === scenario.total) row.scenariosPassed++;
    row.passed += scenario.passed;
    row.total += scenario.total;
    rows.set(scenario.plugin, row);
  }
  return [...rows].map(([plugin, row]) => ({
    plugin,
    ...row,
    score: row.total === 0 ? 0 : (100 * row.passed) / row.total,
  }));
}

/** The model settings found in `environment`, when any model is configured there. */
export function modelEnvironment(environment: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const keys = Object.keys(environment).filter(
    (key) => /^(OPENAI_|AZURE_OPENAI_|MODEL_)/.test(key) || /^AZURE_(TENANT|CLIENT)_/.test(key),
  );
  const settings = Object.fromEntries(
    keys.flatMap((key) => (environment[key] ? [[key, environment[key] as string]] : [])),
  );
  const configured =
    (settings.OPENAI_BASE_URL !== undefined && settings.OPENAI_MODEL !== undefined) ||
    settings.OPENAI_API_KEY !== undefined ||
    settings.AZURE_OPENAI_ENDPOINT !== undefined;
  return configured ? settings : undefined;
}
