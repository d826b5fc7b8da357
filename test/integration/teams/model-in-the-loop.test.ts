/**
 * Ward with a model, as analysts see it over the real Bot Framework wire protocol: a scripted OpenAI-compatible
 * endpoint over HTTP, the demo tenant, PGlite. In a 1:1 chat the model's summary streams into Teams as it is
 * written and the card ends the stream; usage is metered per analyst and tenant, the footer warns near a
 * limit, and at the limit the rules answer without the model and say why; `usage` shows the usage card; a
 * model endpoint that fails leaves the analyst with the rules' answer and a notice, never an error.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answer.js';
import { DEMO_TENANT_ID } from '../../../src/demo/seed/people.js';
import { streamInfo } from '../../support/connector-server.js';
import {
  type ChatRequestBody,
  callTools,
  httpStatus,
  type ModelStep,
  type ScriptedModelServer,
  startScriptedModelServer,
  submitAnswer,
  toolCall,
} from '../../support/scripted-model-server.js';
import { latestData, toolResults } from '../../support/scripted-model-server-requests.js';
import { ANALYST, CHANNEL_ID, channelMention, personalMessage } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const MODEL = 'scripted-analyst';
const ADELE = 'adele.vance@contoso.com';
const SUMMARY =
  'Adele Vance shows signs of compromise: sign-ins from two countries within an hour and an anonymous IP address, with high user risk.';

/** A model that reads Adele's sign-ins, then answers from the prefetched risk, citing what it was given. */
function analyst(body: ChatRequestBody): ModelStep {
  const called = new Set(toolResults(body).map((result) => result.calledTool));
  const risky = latestData<{ id: string; riskLevel: string }>(body, 'entra_riskyUser');
  if (!called.has('entra_signIns') && risky) {
    return callTools(toolCall('entra_signIns', { userId: risky.data.id, hours: 72 }));
  }
  const signIns = latestData(body, 'entra_signIns');
  return {
    ...(submitAnswer({
      summary: SUMMARY,
      title: 'Adele Vance: likely compromised',
      riskLevel: 'high',
      findings: [
        {
          title: 'High user risk in Identity Protection',
          severity: 'high',
          citations: [risky?.sourceId ?? 'S1'],
        },
        ...(signIns
          ? [
              {
                title: 'Sign-ins from two countries within an hour',
                severity: 'high',
                citations: [signIns.sourceId],
              },
            ]
          : []),
      ],
      proposedActions: risky
        ? [{ action: 'entra.revokeSessions', targetId: risky.data.id, why: 'Cut off stolen sessions.' }]
        : [],
    }) as Extract<ModelStep, { kind: 'reply' }>),
    chunkSize: 12,
    // Slower than Teams AI's pause between stream sends (1.5 s), so the summary goes out in pieces.
    chunkDelayMs: 120,
  };
}

let model: ScriptedModelServer;
let ward: WardHarness;
let script: (body: ChatRequestBody) => ModelStep = analyst;

beforeAll(async () => {
  model = await startScriptedModelServer((body) => script(body));
  // The tenant's daily token limit fits a few answers: the meter is what these tests are about.
  ward = await startWardHarness({
    OPENAI_BASE_URL: model.baseUrl,
    OPENAI_MODEL: MODEL,
    MODEL_MAX_RETRIES: '1',
    USAGE_USER_DAILY_TOKENS: '1000000',
  });
});
afterAll(async () => {
  await ward?.close();
  await model?.close();
});
beforeEach(async () => {
  script = analyst;
  ward.connector.clear();
  await ward.database.query('DELETE FROM usage_daily');
});

async function storedAnswer(conversationId: string): Promise<Answer> {
  const rows = await ward.database.query<{ answer: Answer }>(
    'SELECT answer FROM answers WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1',
    [conversationId],
  );
  const answer = rows.rows[0]?.answer;
  expect(answer).toBeDefined();
  return answer as Answer;
}

async function askInChannel(question: string) {
  const root = randomUUID();
  expect((await ward.post(channelMention(ward.connector.url, question, { threadRoot: root }))).status).toBe(
    200,
  );
  const conversationId = `${CHANNEL_ID};messageid=${root}`;
  const replies = ward.connector.messages(conversationId);
  expect(replies).toHaveLength(1);
  return { conversationId, card: cardText(cardOf(replies[0] ?? { body: {} })) };
}

describe('a model answers in Teams', () => {
  it('streams the summary into a 1:1 chat as it is written, then ends the stream with the card', async () => {
    const activity = personalMessage(ward.connector.url, `is ${ADELE} compromised?`);
    const conversationId = `a:1-model-${randomUUID()}`;
    activity.conversation = { id: conversationId, conversationType: 'personal' };
    expect((await ward.post(activity)).status).toBe(200);

    const sent = ward.connector.sent.filter((item) => item.conversationId === conversationId);
    expect(ward.connector.refused).toEqual([]);
    const chunks = sent.filter((item) => streamInfo(item.body)?.streamType === 'streaming');
    expect(chunks.length).toBeGreaterThan(0);
    // Each chunk carries the text so far: it only grows, and it is the summary being written.
    const texts = chunks.map((item) => String(item.body.text));
    for (let index = 1; index < texts.length; index += 1) {
      expect(texts[index]?.startsWith(texts[index - 1] ?? '')).toBe(true);
    }
    expect(SUMMARY.startsWith(texts.at(-1) ?? 'x')).toBe(true);

    const final = sent.at(-1);
    expect(streamInfo(final?.body ?? {})?.streamType).toBe('final');
    expect(String(final?.body.text).startsWith(texts.at(-1) ?? '')).toBe(true);
    const card = cardText(cardOf(final ?? { body: {} }));
    expect(card).toContain('Adele Vance: likely compromised');
    expect(card).toContain('Revoke sessions');

    const answer = await storedAnswer(conversationId);
    expect(answer.planner).toBe(MODEL);
    expect(answer.cost.tokens).toBeGreaterThan(0);
  });

  it('answers with the rules and says why when the model endpoint keeps failing', async () => {
    script = () => httpStatus(500, { body: { error: { message: 'upstream overloaded' } } });
    const { conversationId, card } = await askInChannel(`is ${ADELE} compromised?`);
    const answer = await storedAnswer(conversationId);
    expect(answer.planner).toBe('rules');
    expect(answer.notices).toContainEqual(expect.objectContaining({ kind: 'fallback' }));
    expect(card).toMatch(/HTTP 500/);
    expect(card).toMatch(/Adele Vance/);
  });
});

describe('usage against the limits', () => {
  /** Charges the analyst (Patti) `tokens` today, as earlier answers would have. */
  async function alreadyUsed(tokens: number) {
    await ward.database.query(
      `INSERT INTO usage_daily (tenant_id, user_id, day, tokens, tool_calls, questions, model_questions)
       VALUES ($1, $2, (now() AT TIME ZONE 'UTC')::date, $3, 0, 1, 1)`,
      [DEMO_TENANT_ID, ANALYST.aadObjectId, tokens],
    );
  }

  it('counts what each answer cost', async () => {
    const { conversationId } = await askInChannel(`is ${ADELE} compromised?`);
    const answer = await storedAnswer(conversationId);
    const rows = await ward.database.query<{ tokens: string; tool_calls: string; model_questions: number }>(
      'SELECT tokens, tool_calls, model_questions FROM usage_daily',
    );
    expect(rows.rows).toHaveLength(1);
    expect(Number(rows.rows[0]?.tokens)).toBe(answer.cost.tokens);
    expect(Number(rows.rows[0]?.tool_calls)).toBe(answer.cost.skillCalls);
    expect(rows.rows[0]?.model_questions).toBe(1);
  });

  it('warns in the footer from 90 % of the analyst’s daily limit', async () => {
    await alreadyUsed(910_000);
    const { conversationId, card } = await askInChannel(`is ${ADELE} compromised?`);
    const answer = await storedAnswer(conversationId);
    expect(answer.planner).toBe(MODEL);
    expect(answer.notices).toContainEqual(expect.objectContaining({ kind: 'usage' }));
    expect(card).toMatch(/9\d% of your daily token limit|91%/);
  });

  it('answers with the rules, saying why, once the limit is reached — without calling the model', async () => {
    await alreadyUsed(1_000_000);
    const before = model.requests.length;
    const { conversationId, card } = await askInChannel(`is ${ADELE} compromised?`);
    expect(model.requests.length).toBe(before);
    const answer = await storedAnswer(conversationId);
    expect(answer.planner).toBe('rules');
    expect(answer.notices).toContainEqual(expect.objectContaining({ kind: 'fallback' }));
    expect(answer.notices.map((notice) => notice.text).join(' ')).toMatch(/USAGE_USER_DAILY_TOKENS/);
    // The card escapes markdown: the setting's underscores arrive as `\_`.
    expect(card).toMatch(/USAGE\\?_USER\\?_DAILY\\?_TOKENS/);
    expect(card).toMatch(/Adele Vance/);
  });

  it('shows the usage card for "usage"', async () => {
    await alreadyUsed(250_000);
    const { card } = await askInChannel('usage');
    expect(card).toMatch(/250,000/);
    expect(card).toMatch(/1,000,000/);
  });
});
