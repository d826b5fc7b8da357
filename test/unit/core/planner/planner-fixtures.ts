/**
 * What the planner tests (rules and LLM) share: an in-memory tenant behind plugins built on the real contract
 * (the Entra skill names and input schemas, the real action descriptors and input schemas, a ServiceNow ticket
 * action); `ask`, which runs the real pipeline up to the plan (entities → intent → ledger → lazy user
 * resolution → planner) for any planner; and `planQuestion`, which does so for an LLM planner against a
 * scripted model endpoint over real HTTP. No mocks of Ward's code.
 */
import { pino } from 'pino';
import { z } from 'zod/v4';
import type {
  AuthenticationMethod,
  GraphUser,
  RiskDetection,
  RiskyUser,
  SignIn,
} from '../../../../src/clients/graph-resources.js';
import { createModelClient } from '../../../../src/clients/model-client.js';
import type { ModelSettings } from '../../../../src/config.js';
import { NotFoundError, SourceUnavailableError } from '../../../../src/core/errors.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { resolveUser, type UserResolution } from '../../../../src/core/grounding/resolve-user.js';
import { createSkillLedger, type SkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { followUpSubject } from '../../../../src/core/memory/follow-up-subject.js';
import { classifyIntent, type IntentResult } from '../../../../src/core/planner/classify-intent.js';
import { createLlmPlanner, type LlmPlannerOptions } from '../../../../src/core/planner/llm-planner.js';
import type { Planner, PlanOutcome } from '../../../../src/core/planner/planner.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry, type PluginRegistry } from '../../../../src/core/plugin-registry.js';
import { ENTRA_ACTIONS } from '../../../../src/plugins/entra/entra-actions.js';
import {
  type PrivilegedRoleHolder,
  privilegedRoleAssignmentsInputSchema,
} from '../../../../src/plugins/entra/skills/privileged-role-assignments.js';
import { objectIdSchema, userReferenceSchema } from '../../../../src/plugins/entra/user-reference.js';
import { createIncidentInputSchema } from '../../../../src/plugins/servicenow/actions/create-incident.js';
import { SERVICENOW_ACTIONS } from '../../../../src/plugins/servicenow/servicenow-actions.js';
import {
  type Action,
  defineSkill,
  type Plugin,
  type PluginCallContext,
} from '../../../../src/plugins/types.js';
import {
  type ModelScript,
  type ScriptedModelServer,
  startScriptedModelServer,
} from '../../../support/scripted-model-server.js';
import {
  ADELE_ID,
  graphUser,
  hoursAgo,
  method,
  NOW,
  riskDetection,
  riskyUser,
  signIn,
} from '../../plugins/entra/fixtures.js';

export { ADELE_ID, NOW };

export const MEGAN_ID = '3c2b1a09-8f7e-4d6c-9b5a-493827161504';

export interface TenantUser {
  user: GraphUser;
  riskyUser: RiskyUser | null;
  detections: RiskDetection[];
  signIns: SignIn[];
  methods: AuthenticationMethod[];
  /** Privileged roles held (none by default). */
  roles?: PrivilegedRoleHolder[];
}

export interface Tenant {
  users: TenantUser[];
  /** Skills that answer with a 503. */
  failing?: Set<string>;
  /** Awaited by the skills in `gateSkills` after they start (to observe overlap). */
  gate?: (skill: string, context: PluginCallContext) => Promise<void>;
  /** The skills that await `gate`; every skill when absent. */
  gateSkills?: readonly string[];
}

/** Adele: high risk, a password spray from Frankfurt, sign-ins from two countries, no MFA. */
export function adeleCompromised(): TenantUser {
  return {
    user: graphUser(),
    riskyUser: riskyUser({ riskLevel: 'high', riskState: 'atRisk' }),
    detections: [riskDetection('passwordSpray')],
    signIns: [
      signIn({
        createdDateTime: hoursAgo(2),
        ipAddress: '185.220.101.4',
        location: { city: 'Frankfurt', countryOrRegion: 'DE' },
      }),
      signIn({ createdDateTime: hoursAgo(2.5) }),
    ],
    methods: [method('password')],
  };
}

/** A user never flagged, with MFA registered, and the sign-ins given (none by default). */
export function healthyUser(
  id: string,
  displayName: string,
  upn: string,
  signIns: SignIn[] = [],
): TenantUser {
  return {
    user: graphUser({ id, displayName, userPrincipalName: upn, mail: upn }),
    riskyUser: null,
    detections: [],
    signIns,
    methods: [method('password'), method('microsoftAuthenticator')],
  };
}

/** Megan: never flagged, MFA registered, one sign-in. */
export function meganHealthy(): TenantUser {
  const upn = 'megan.bowen@contoso.com';
  return healthyUser(MEGAN_ID, 'Megan Bowen', upn, [
    signIn({ userId: MEGAN_ID, userDisplayName: 'Megan Bowen', userPrincipalName: upn }),
  ]);
}

/** Actions keep the real descriptors and input schemas; running one from a planner test is a bug. */
function neverRun(descriptor: (typeof ENTRA_ACTIONS)[keyof typeof ENTRA_ACTIONS], input: z.ZodType): Action {
  return {
    ...descriptor,
    input,
    async run() {
      throw new Error(`the planner ran ${descriptor.name}`);
    },
  };
}

/** An in-memory Entra plugin with the real skill names and input schemas, and the real action descriptors. */
export function fakeEntraPlugin(tenant: Tenant) {
  const calls: { skill: string; input: unknown }[] = [];
  const find = (reference: string) =>
    tenant.users.find(
      (entry) =>
        entry.user.id === reference ||
        entry.user.userPrincipalName?.toLowerCase() === reference.toLowerCase(),
    );
  async function answer<T>(skill: string, input: unknown, context: PluginCallContext, data: () => T) {
    calls.push({ skill, input });
    if (!tenant.gateSkills || tenant.gateSkills.includes(skill)) await tenant.gate?.(skill, context);
    if (tenant.failing?.has(skill)) {
      throw new SourceUnavailableError('Microsoft Graph answered 503 (service unavailable) after 3 tries.', {
        status: 503,
      });
    }
    return { data: data(), requests: [`GET /v1.0/fake/${skill}`] };
  }
  function known(reference: string): TenantUser {
    const entry = find(reference);
    if (!entry) throw new NotFoundError(`No user ${reference} in the directory.`);
    return entry;
  }
  const userAction = z.object({ userId: objectIdSchema });
  const plugin: Plugin = {
    name: 'entra',
    displayName: 'Microsoft Entra ID',
    version: '0.0.0-test',
    skills: [
      defineSkill({
        name: 'user',
        description: 'Gets one directory user by object id or UPN.',
        input: z.object({ user: userReferenceSchema }),
        run: (input, context) => answer('user', input, context, () => known(input.user).user),
      }),
      defineSkill({
        name: 'findUsers',
        description: 'Finds users whose name starts with the query.',
        input: z.object({
          query: z.string().trim().min(2).max(64),
          top: z.number().int().min(1).max(25).default(10),
        }),
        run: (input, context) =>
          answer('findUsers', input, context, () =>
            tenant.users
              .map((entry) => entry.user)
              .filter((user) =>
                (user.displayName ?? '')
                  .toLowerCase()
                  .split(' ')
                  .some((part) => part.startsWith(input.query.toLowerCase())),
              ),
          ),
      }),
      defineSkill({
        name: 'riskyUser',
        description: "Gets a user's Identity Protection risk (null when never flagged).",
        input: z.object({ userId: objectIdSchema }),
        run: (input, context) => answer('riskyUser', input, context, () => known(input.userId).riskyUser),
      }),
      defineSkill({
        name: 'riskDetections',
        description: 'Lists risk detections for a user, newest first.',
        input: z.object({ userId: objectIdSchema, days: z.number().int().min(1).max(90).default(30) }),
        run: (input, context) =>
          answer('riskDetections', input, context, () => known(input.userId).detections),
      }),
      defineSkill({
        name: 'signIns',
        description: 'Lists sign-ins for a user, newest first.',
        input: z.object({ userId: objectIdSchema, hours: z.number().int().min(1).max(720).default(72) }),
        run: (input, context) =>
          answer('signIns', input, context, () => ({
            signIns: known(input.userId).signIns,
            truncated: false,
          })),
      }),
      defineSkill({
        name: 'authenticationMethods',
        description: 'Lists the authentication methods a user registered.',
        input: z.object({ user: userReferenceSchema }),
        run: (input, context) =>
          answer('authenticationMethods', input, context, () => known(input.user).methods),
      }),
      defineSkill({
        name: 'privilegedRoleAssignments',
        description: "Lists privileged Entra role holders, or one user's privileged roles.",
        input: privilegedRoleAssignmentsInputSchema,
        run: (input, context) =>
          answer('privilegedRoleAssignments', input, context, () => {
            const only = input.user === undefined ? undefined : known(input.user);
            const holders = tenant.users
              .filter((entry) => only === undefined || entry === only)
              .flatMap((entry) => entry.roles ?? []);
            return { holders, truncated: false, ...(only ? { principalId: only.user.id } : {}) };
          }),
      }),
      defineSkill({
        name: 'riskyUsers',
        description: 'Lists users flagged by Identity Protection.',
        input: z.object({
          riskLevels: z
            .array(z.enum(['low', 'medium', 'high']))
            .min(1)
            .default(['high', 'medium', 'low']),
          riskState: z
            .enum(['atRisk', 'confirmedCompromised', 'remediated', 'dismissed', 'confirmedSafe'])
            .default('atRisk'),
          top: z.number().int().min(1).max(200).default(50),
        }),
        run: (input, context) =>
          answer('riskyUsers', input, context, () => ({
            users: tenant.users
              .map((entry) => entry.riskyUser)
              .filter((risky): risky is RiskyUser => !!risky)
              .filter(
                (risky) =>
                  risky.riskState === input.riskState && input.riskLevels.includes(risky.riskLevel as 'high'),
              ),
            truncated: false,
          })),
      }),
    ],
    actions: [
      neverRun(ENTRA_ACTIONS.confirmCompromised, userAction),
      neverRun(ENTRA_ACTIONS.resetPassword, userAction),
      neverRun(ENTRA_ACTIONS.revokeSessions, userAction),
      neverRun(ENTRA_ACTIONS.dismissRisk, userAction.extend({ reason: z.enum(['falsePositive', 'benign']) })),
      neverRun(ENTRA_ACTIONS.disableAccount, userAction),
    ],
    async health() {
      return { ok: true };
    },
  };
  return { plugin, calls };
}

/** A ServiceNow plugin with only the real "Open ticket" descriptor and input schema. */
export function fakeServiceNowPlugin(): Plugin {
  return {
    name: 'servicenow',
    displayName: 'ServiceNow',
    version: '0.0.0-test',
    skills: [],
    actions: [
      {
        ...SERVICENOW_ACTIONS.createIncident,
        input: createIncidentInputSchema,
        async run() {
          throw new Error('the planner opened a ticket');
        },
      },
    ],
    async health() {
      return { ok: true };
    },
  };
}

/** Model settings for the scripted server. */
export function scriptedModelSettings(
  server: ScriptedModelServer,
  overrides: Partial<ModelSettings> = {},
): ModelSettings {
  return {
    provider: 'openai',
    baseUrl: server.baseUrl,
    model: 'scripted-gpt',
    maxSteps: 6,
    maxTokens: 40_000,
    deadlineMs: 15_000,
    requestTimeoutMs: 5_000,
    maxRetries: 1,
    credential: { kind: 'managedIdentity' },
    ...overrides,
  } as ModelSettings;
}

export interface PlanQuestionOptions {
  tenant?: Tenant;
  /** Extra plugins beside the fake Entra one. */
  plugins?: Plugin[];
  history?: RememberedTurn[];
  onText?: (delta: string) => void;
  signal?: AbortSignal;
  settings?: Partial<ModelSettings>;
  planner?: Partial<Omit<LlmPlannerOptions, 'client' | 'registry' | 'fallback'>>;
}

export interface PlannedQuestion {
  outcome: PlanOutcome;
  ledger: SkillLedger;
  registry: PluginRegistry;
  calls: { skill: string; input: unknown }[];
  resolution?: UserResolution;
}

/** Asks `text` of an LLM planner whose model is the scripted server running `script`. */
export async function planQuestion(
  text: string,
  script: ModelScript,
  options: PlanQuestionOptions = {},
): Promise<PlannedQuestion & { server: ScriptedModelServer }> {
  const server = await startScriptedModelServer(script);
  try {
    return { ...(await planWith(server, text, options)), server };
  } finally {
    await server.close();
  }
}

/** As `planQuestion`, on a server the test started (to inspect it after, or ask twice). */
export async function planWith(
  server: ScriptedModelServer,
  text: string,
  options: PlanQuestionOptions = {},
): Promise<PlannedQuestion> {
  const { plugin, calls } = fakeEntraPlugin(
    options.tenant ?? { users: [adeleCompromised(), meganHealthy()] },
  );
  const registry = createPluginRegistry([plugin, ...(options.plugins ?? [])]);
  const signal = options.signal ?? AbortSignal.timeout(20_000);
  const ledger = createSkillLedger({ registry, signal });
  const settings = scriptedModelSettings(server, options.settings);
  const { client, model } = createModelClient(settings);
  const planner = createLlmPlanner({
    client,
    model,
    registry,
    fallback: createRulesPlanner({
      ticketing: registry.plugins.some((entry) => entry.name === 'servicenow'),
    }),
    maxSteps: settings.maxSteps,
    maxTokens: settings.maxTokens,
    deadlineMs: settings.deadlineMs,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...options.planner,
  });
  const { outcome, resolution } = await ask(planner, text, ledger, signal, {
    history: options.history,
    onText: options.onText,
  });
  return { outcome, ledger, registry, calls, resolution };
}

export interface AskOptions {
  /** The intent to plan for; by default, what `classifyIntent` makes of the question. */
  intent?: IntentResult;
  /** Earlier turns in the conversation; none by default. */
  history?: RememberedTurn[];
  onText?: (delta: string) => void;
}

/**
 * Asks `planner` the question `text` from Patti in a 1:1 chat, as the pipeline does: entities, intent, and the
 * user resolved lazily through `ledger` (from the question, else from the conversation's last subject).
 */
export async function ask(
  planner: Planner,
  text: string,
  ledger: SkillLedger,
  signal: AbortSignal,
  options: AskOptions = {},
): Promise<{ outcome: PlanOutcome; resolution?: UserResolution }> {
  const entities = extractEntities(text);
  const history = options.history ?? [];
  const remembered = followUpSubject(text, entities, history);
  let resolution: Promise<UserResolution> | undefined;
  const outcome = await planner.plan({
    turn: {
      id: 'activity-1',
      user: { id: '29:patti', aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Patti Fernandez' },
      conversation: { id: 'a:personal-chat', kind: 'personal' },
      text,
    },
    entities,
    intent: options.intent ?? classifyIntent(text, entities),
    resolveUser: () => {
      resolution ??= resolveUser(entities, ledger, remembered);
      return resolution;
    },
    ledger,
    now: NOW,
    signal,
    history,
    onText: options.onText,
  });
  return { outcome, resolution: resolution ? await resolution : undefined };
}

/** The draft of an answer outcome (fails the test on help). */
export function draftOf(outcome: PlanOutcome) {
  if (outcome.kind !== 'answer') throw new Error(`expected an answer, got help: ${outcome.reason}`);
  return outcome.draft;
}

/** Resolves when `count` parties have arrived; each party waits for all of them. */
export function latch(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    arrive(): Promise<void> {
      arrived += 1;
      if (arrived === count) open();
      return opened;
    },
  };
}

/** Rejects once the signal aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A valid answer citing `citations`, for scripts that answer straight away. */
export function answerCiting(
  citations: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    summary: 'Adele Vance is at high risk: a password spray from Frankfurt and no MFA.',
    title: 'Adele Vance: high risk, likely compromised',
    riskLevel: 'high',
    findings: [{ title: 'Password spray', severity: 'high', citations }],
    ...overrides,
  };
}
