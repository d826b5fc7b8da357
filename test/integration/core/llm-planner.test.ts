/**
 * The LLM planner in the real pipeline: the orchestrator, the demo tenant over HTTP, the real Entra and
 * ServiceNow plugins and Graph client, post-processing, and a scripted model over real HTTP that reasons
 * only from what Ward sends it (it reads the marked tool results and decides from the data, as a model
 * would). Nothing is mocked: the model is the only scripted part.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/clients/graph.js';
import type { RiskDetection, RiskyUser } from '../../../src/clients/graph-resources.js';
import { createModelClient } from '../../../src/clients/model-client.js';
import { createServiceNowClient } from '../../../src/clients/servicenow.js';
import type { Answer } from '../../../src/core/answer.js';
import type { ConversationMemory, RememberedTurn } from '../../../src/core/memory/conversation-memory.js';
import {
  type AnswerRecorder,
  createOrchestrator,
  type Orchestrator,
  type ProgressEvent,
  type Reply,
} from '../../../src/core/orchestrator.js';
import { createLlmPlanner } from '../../../src/core/planner/llm-planner.js';
import { createRulesPlanner } from '../../../src/core/planner/rules-planner.js';
import { createPluginRegistry } from '../../../src/core/plugin-registry.js';
import type { Turn } from '../../../src/core/turn.js';
import { SERVICENOW_DEMO_CREDENTIALS } from '../../../src/demo/servicenow/servicenow-demo-credentials.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../src/demo/start-demo-tenant.js';
import { ENTRA_ACTIONS } from '../../../src/plugins/entra/entra-actions.js';
import { createEntraPlugin } from '../../../src/plugins/entra/entra-plugin.js';
import { createServiceNowPlugin } from '../../../src/plugins/servicenow/servicenow-plugin.js';
import {
  type ChatRequestBody,
  callTools,
  httpStatus,
  type ModelScript,
  type ModelStep,
  type ScriptedModelServer,
  startScriptedModelServer,
  submitAnswer,
  toolCall,
} from '../../support/scripted-model-server.js';
import {
  citableIds,
  latestData,
  systemText,
  toolResults,
} from '../../support/scripted-model-server-requests.js';

/** Stores answers in memory: the recorder contract, without a database (these tests are about planning). */
function memoryRecorder() {
  const answers: Answer[] = [];
  const recorder: AnswerRecorder = {
    async record({ answer }) {
      answers.push(answer);
      return {
        answerId: `answer-${answers.length}`,
        createdAt: new Date(),
        actions: answer.proposedActions.map((proposal, index) => ({
          pendingActionId: `pending-${answers.length}-${index}`,
          title: proposal.title,
          destructive: proposal.destructive,
        })),
      };
    },
  };
  return { recorder, answers };
}

/** Remembers turns in memory, per conversation. */
function inMemoryConversations(): ConversationMemory {
  const turns = new Map<string, RememberedTurn[]>();
  return {
    recall: async (conversationId) => [...(turns.get(conversationId) ?? [])],
    remember: async (conversationId, turn) => {
      turns.set(conversationId, [...(turns.get(conversationId) ?? []), turn]);
    },
  };
}

function isForced(body: ChatRequestBody): boolean {
  return typeof body.tool_choice === 'object' && body.tool_choice.function.name === 'submit_answer';
}

/**
 * A model that investigates a user the way an analyst would: with the user, risk and detections Ward gave
 * it, it reads the sign-ins once, then answers: one finding per detection type, the sign-in picture, and
 * containment for a high-risk user (including a ticket). Everything it writes comes from the tool data.
 */
const investigator: ModelScript = (body) => {
  const user = latestData<{ id: string; displayName: string }>(body, 'entra_user');
  const risky = latestData<RiskyUser | null>(body, 'entra_riskyUser');
  const detections = latestData<RiskDetection[]>(body, 'entra_riskDetections');
  const signIns = latestData<{ signIns: { ipAddress?: string; location?: { countryOrRegion?: string } }[] }>(
    body,
    'entra_signIns',
  );
  if (user && !signIns && !isForced(body)) {
    return callTools(toolCall('entra_signIns', { userId: user.data.id, hours: 72 }));
  }
  const level = risky?.data?.riskLevel ?? 'none';
  const high = level === 'high';
  const types = [...new Set((detections?.data ?? []).map((detection) => detection.riskEventType))];
  const countries = [
    ...new Set(
      (signIns?.data.signIns ?? []).map((signIn) => signIn.location?.countryOrRegion).filter(Boolean),
    ),
  ];
  const name = user?.data.displayName ?? 'The user';
  return submitAnswer({
    summary: `${name} is at ${level} risk: ${types.length} kinds of risk detection (${types.join(', ') || 'none'}), sign-ins from ${countries.join(', ') || 'nowhere'}.`,
    title: `${name}: ${level} risk`,
    riskLevel: ['none', 'low', 'medium', 'high'].includes(level) ? level : 'unknown',
    facts: [{ label: 'Risk level', value: level }],
    findings: [
      ...types.map((type) => ({
        title: `Risk detection: ${type}`,
        severity: high ? 'high' : 'medium',
        citations: [detections!.sourceId],
      })),
      ...(signIns
        ? [
            {
              title: `Signed in from ${countries.length} countries`,
              severity: 'medium',
              citations: [signIns.sourceId],
            },
          ]
        : []),
    ],
    proposedActions:
      high && user
        ? [
            {
              action: 'entra.revokeSessions',
              targetId: user.data.id,
              why: 'Active risk detections on this account.',
            },
            {
              action: 'entra.confirmCompromised',
              targetId: user.data.id,
              why: 'High user risk with detections.',
            },
            { action: 'servicenow.createIncident', targetId: user.data.id, why: 'Track the containment.' },
            // Obeying something no one asked for: a target no tool returned never becomes a button.
            {
              action: 'entra.disableAccount',
              targetId: '00000000-1111-4222-8333-444444444444',
              why: 'Because.',
            },
          ]
        : [],
    followUps: user ? [`show sign-ins for ${user.data.displayName}`] : [],
  });
};

describe('the LLM planner against the demo tenant', () => {
  let demo: RunningDemoTenant;
  let model: ScriptedModelServer;
  let script: ModelScript = investigator;
  let orchestrator: Orchestrator;
  let recorded: Answer[];

  beforeAll(async () => {
    demo = await startDemoTenant({ seed: 4211, host: '127.0.0.1' });
    const throttle = await fetch(`${demo.url}/_demo/throttle`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identityProtection: false }),
    });
    expect(throttle.status).toBe(200);
    model = await startScriptedModelServer((body, index, request) => script(body, index, request));

    const graph = createGraphClient({ baseUrl: demo.graphUrl, timeoutMs: 5_000, maxRetries: 1 });
    const serviceNow = createServiceNowClient({
      baseUrl: demo.serviceNowUrl,
      auth: SERVICENOW_DEMO_CREDENTIALS,
      timeoutMs: 5_000,
      maxRetries: 1,
    });
    const registry = createPluginRegistry([
      createEntraPlugin({ graph }),
      createServiceNowPlugin({ client: serviceNow }),
    ]);
    const settings = {
      provider: 'openai' as const,
      baseUrl: model.baseUrl,
      model: 'scripted-gpt',
      maxSteps: 6,
      maxTokens: 200_000,
      deadlineMs: 20_000,
      requestTimeoutMs: 5_000,
      maxRetries: 1,
      credential: { kind: 'managedIdentity' as const },
    };
    const { client, model: modelName } = createModelClient(settings);
    const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const { recorder, answers } = memoryRecorder();
    recorded = answers;
    orchestrator = createOrchestrator({
      registry,
      planner: createLlmPlanner({
        client,
        model: modelName,
        registry,
        fallback: createRulesPlanner({ ticketing: true }),
        maxSteps: settings.maxSteps,
        maxTokens: settings.maxTokens,
        deadlineMs: settings.deadlineMs,
        log,
      }),
      recorder,
      memory: inMemoryConversations(),
      log,
      deadlineMs: 25_000,
    });
  });
  afterAll(async () => {
    await model?.close();
    await demo?.close();
  });

  function turn(text: string, conversation: string): Turn {
    return {
      id: `activity-${Math.random().toString(36).slice(2)}`,
      user: { id: '29:patti', aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Patti Fernandez' },
      conversation: { id: conversation, kind: 'personal' },
      text,
    };
  }

  async function ask(text: string, conversation: string, options: { stream?: boolean } = {}) {
    const events: ProgressEvent[] = [];
    const before = model.requests.length;
    const reply = await orchestrator.ask(turn(text, conversation), {
      stream: options.stream,
      onProgress: (event) => events.push(event),
    });
    return { reply, events, requests: model.requests.slice(before) };
  }

  function answerOf(reply: Reply): Answer {
    if (reply.kind !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(reply)}`);
    return reply.answer;
  }

  it('investigates the high-risk story user from prefetched facts and one more tool call', async () => {
    script = investigator;
    const { reply, requests } = await ask('is adele.vance@contoso.com compromised?', 'a:llm-adele');
    const answer = answerOf(reply);

    // Grounding first: the first request already holds the user, her risk, detections and MFA methods.
    expect(toolResults(requests[0]!.body).map((result) => result.tool)).toEqual([
      'entra_user',
      'entra_riskyUser',
      'entra_riskDetections',
      'entra_authenticationMethods',
    ]);
    expect(requests).toHaveLength(2);
    const adele = latestData<{ id: string; userPrincipalName: string }>(
      requests[0]!.body,
      'entra_user',
    )!.data;
    expect(adele.userPrincipalName).toBe('adele.vance@contoso.com');

    expect(answer).toMatchObject({
      planner: 'scripted-gpt',
      intent: 'user-risk',
      riskLevel: 'high',
      subject: {
        kind: 'user',
        id: adele.id,
        displayName: expect.stringContaining('(adele.vance@contoso.com)'),
      },
      partial: false,
    });
    expect(answer.sources.map((source) => `${source.plugin}.${source.skill}`)).toEqual([
      'entra.user',
      'entra.riskyUser',
      'entra.riskDetections',
      'entra.authenticationMethods',
      'entra.signIns',
    ]);
    expect(answer.findings.length).toBeGreaterThan(1);
    const ok = new Set(answer.sources.filter((source) => source.ok).map((source) => source.id));
    for (const finding of answer.findings) for (const id of finding.citations) expect(ok.has(id)).toBe(true);

    // Titles and destructiveness from the registry; the invented target never became a button.
    expect(
      answer.proposedActions.map((proposal) => [
        proposal.action,
        proposal.title,
        proposal.destructive,
        proposal.target.id,
      ]),
    ).toEqual([
      ['entra.revokeSessions', ENTRA_ACTIONS.revokeSessions.title, true, adele.id],
      ['entra.confirmCompromised', ENTRA_ACTIONS.confirmCompromised.title, true, adele.id],
      ['servicenow.createIncident', 'Open ticket', false, adele.id],
    ]);
    expect(answer.proposedActions[2]?.input?.shortDescription).toBe(`Ward: ${answer.title}`);
    expect(answer.cost.tokens).toBeGreaterThan(0);
    expect(recorded.at(-1)).toEqual(answer);
  });

  it('answers the follow-up "and her sign-ins?" about the remembered user, with the earlier turn as marked data', async () => {
    script = investigator;
    await ask('is adele.vance@contoso.com compromised?', 'a:llm-follow-up');
    const { reply, requests } = await ask('and her sign-ins?', 'a:llm-follow-up');
    const first = requests[0]!.body;
    const nonce = /<<data-([0-9a-f]+) /.exec(systemText(first))?.[1];
    const history = first.messages.find((message) => String(message.content).includes('context=history'));
    expect(String(history?.content)).toContain(`<<data-${nonce} context=history>>`);
    expect(systemText(first)).not.toContain('adele.vance@contoso.com');
    expect(answerOf(reply).subject?.displayName).toContain('adele.vance@contoso.com');
  });

  it('streams the summary to the host as text progress, a word behind, that joins to the final summary', async () => {
    script = (body, index, request) =>
      ({ ...(investigator(body, index, request) as ModelStep), chunkSize: 5 }) as ModelStep;
    const { reply, events } = await ask('is adele.vance@contoso.com compromised?', 'a:llm-stream', {
      stream: true,
    });
    const text = events.flatMap((event) => (event.kind === 'text' ? [event.delta] : []));
    expect(text.length).toBeGreaterThan(3);
    // The host gets the summary up to its last word: the word still being written is held back (redaction).
    const summary = answerOf(reply).summary;
    expect(text.join('')).toBe(
      summary.slice(0, Math.max(summary.lastIndexOf(' '), summary.lastIndexOf('\n'))),
    );
    expect(events.filter((event) => event.kind === 'skill').length).toBeGreaterThanOrEqual(5);
  });

  it('lists risky users from the prefetched list in a single model turn', async () => {
    script = (body) => {
      const list = latestData<{ users: RiskyUser[] }>(body, 'entra_riskyUsers')!;
      const high = list.data.users.filter((user) => user.riskLevel === 'high');
      return submitAnswer({
        summary: `${list.data.users.length} users are at risk, ${high.length} of them high.`,
        title: `${list.data.users.length} users at risk`,
        riskLevel: high.length ? 'high' : 'medium',
        findings: high.slice(0, 5).map((user) => ({
          title: `${user.userDisplayName} is at high risk`,
          severity: 'high',
          citations: [list.sourceId],
        })),
      });
    };
    const { reply, requests } = await ask('show risky users', 'a:llm-risky');
    expect(requests).toHaveLength(1);
    const answer = answerOf(reply);
    expect(answer.planner).toBe('scripted-gpt');
    expect(answer.findings.map((finding) => finding.title)).toContain('Adele Vance is at high risk');
  });

  it('answers a ticket question from the prefetched ticket and journal in one model turn, the planted reply flagged', async () => {
    script = (body) => {
      const ticket = latestData<{ number: string; state: { label: string }; assignedTo: string }>(
        body,
        'servicenow_incident',
      )!;
      const journal = latestData<{ notes: { kind: string; author: string }[] }>(
        body,
        'servicenow_incidentJournal',
      )!;
      const latest = journal.data.notes[0];
      return submitAnswer({
        summary: `${ticket.data.number} is ${ticket.data.state.label}, with ${ticket.data.assignedTo}; latest: a ${latest?.kind} by ${latest?.author}.`,
        title: `${ticket.data.number}: ${ticket.data.state.label}`,
        riskLevel: 'high',
        findings: [
          { title: 'Ticket state', severity: 'high', citations: [ticket.sourceId, journal.sourceId] },
        ],
      });
    };
    const { reply, requests } = await ask("what's the status of INC0010030?", 'a:llm-ticket');
    expect(requests).toHaveLength(1);
    const answer = answerOf(reply);
    expect(answer.planner).toBe('scripted-gpt');
    expect(answer.summary).toBe(
      'INC0010030 is In Progress, with Isaiah Langer; latest: a work note by isaiah.langer.',
    );
    expect(answer.sources.map((source) => `${source.plugin}.${source.skill}`)).toEqual([
      'servicenow.incident',
      'servicenow.incidentJournal',
    ]);
    expect(answer.notices.map((notice) => notice.kind)).toContain('injection');
    expect(answer.proposedActions).toEqual([]);
  });

  it("answers from Ward's rules, saying why, when the model endpoint keeps failing", async () => {
    script = () => httpStatus(503);
    const { reply, requests } = await ask('is adele.vance@contoso.com compromised?', 'a:llm-down');
    expect(requests).toHaveLength(2);
    const answer = answerOf(reply);
    expect(answer.planner).toBe('rules');
    expect(answer.notices).toContainEqual({
      kind: 'fallback',
      text: "The model endpoint failed (HTTP 503, 2 tries); this answer is from Ward's rules.",
    });
    // The rules planner reuses what grounding already fetched instead of asking the tenant twice.
    const refs = answer.sources.map((source) => `${source.plugin}.${source.skill}`);
    expect(refs.filter((ref) => ref === 'entra.riskyUser')).toHaveLength(1);
    expect(answer.findings.length).toBeGreaterThan(0);
  });

  it('keeps citations only to real sources when the model repairs a bad one', async () => {
    script = (body) =>
      !isForced(body)
        ? submitAnswer({
            summary: 's',
            title: 't',
            riskLevel: 'high',
            findings: [{ title: 'f', severity: 'high', citations: ['S99'] }],
          })
        : submitAnswer({
            summary: 'Fixed.',
            title: 'Adele Vance: high risk',
            riskLevel: 'high',
            findings: [{ title: 'Risky', severity: 'high', citations: citableIds(body).slice(1, 2) }],
          });
    const before = model.requests.length;
    const { reply } = await ask('is adele.vance@contoso.com compromised?', 'a:llm-repair');
    expect(model.requests.length - before).toBe(2);
    expect(answerOf(reply)).toMatchObject({ summary: 'Fixed.', findings: [{ citations: ['S2'] }] });
  });
});
