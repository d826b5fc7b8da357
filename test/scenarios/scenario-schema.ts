/**
 * The shape of an evaluation scenario file (`test/scenarios/*.json`): SOC questions as analysts write them, each
 * with what a correct answer against the demo tenant holds. Expectations come from what the demo tenant's data
 * means (../shared/docs/DEMO-TENANT.md), not from what Ward prints today. Regexes are written as strings and
 * matched case-insensitively; `findings` match a finding's title and detail; `entities` are a subset match.
 */
import { z } from 'zod/v4';

/**
 * The intents a scenario may expect: those `classifyIntent` knows, and `incidents` and `tickets` (the answer's
 * intent for a list of incidents or ServiceNow tickets, as `risky-users` is for a list of users).
 */
export const INTENTS = [
  'user-risk',
  'risky-users',
  'incident',
  'incidents',
  'device',
  'indicator',
  'script',
  'cloud-posture',
  /** Identity posture, joiners, movers and leavers (Lifecycle Workflows) included. */
  'identity-posture',
  'hunt',
  'ticket',
  'tickets',
  /** A custom plugin skill's trigger phrase (plugins/custom/). */
  'custom',
  'help',
  'unknown',
] as const;

/** The row a scenario counts in on the score table: a plugin, or `help` for help and unknown questions. */
export const SCENARIO_PLUGINS = [
  'entra',
  'defender-xdr',
  'intune',
  'threat-intel',
  'script-analysis',
  'defender-cloud',
  'sentinel',
  'servicenow',
  /** The custom plugins shipped in plugins/custom/. */
  'custom',
  'help',
] as const;

const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'critical', 'unknown'] as const;

/** A regular expression written as a string; rejected when it does not compile. */
const regexText = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

/** A proposed action by `plugin.action`, optionally with a regex its target's display name must match. */
const actionExpectationSchema = z
  .object({
    action: z.string().regex(/^[a-z][a-zA-Z0-9-]*\.[a-z][a-zA-Z0-9]*$/, {
      message: 'must be plugin.action, e.g. entra.resetPassword',
    }),
    target: regexText.optional(),
  })
  .strict();
export type ActionExpectation = z.infer<typeof actionExpectationSchema>;

const entitiesExpectationSchema = z
  .object({
    upns: z.array(z.string()).optional(),
    names: z.array(z.string()).optional(),
    ips: z.array(z.string()).optional(),
    cves: z.array(z.string()).optional(),
    hashes: z.array(z.string()).optional(),
    incidentIds: z.array(z.string()).optional(),
    tickets: z.array(z.string()).optional(),
    devices: z.array(z.string()).optional(),
  })
  .strict();
export type EntitiesExpectation = z.infer<typeof entitiesExpectationSchema>;

export const turnExpectationSchema = z
  .object({
    intent: z.enum(INTENTS),
    /** `answer`: an answer card was recorded; `help`: Ward answered with its help card (nothing recorded). */
    reply: z.enum(['answer', 'help']).default('answer'),
    entities: entitiesExpectationSchema.optional(),
    title: regexText.optional(),
    summary: regexText.optional(),
    /** The answer's subject's display name (or id). */
    subject: regexText.optional(),
    riskLevel: z.union([z.enum(RISK_LEVELS), z.array(z.enum(RISK_LEVELS)).min(1)]).optional(),
    /** Each regex must match at least one finding's "title — detail". */
    findings: z.array(regexText).optional(),
    /** Each regex must match the text of the card Ward posted (answers and help alike). */
    cardText: z.array(regexText).optional(),
    actions: z
      .object({
        present: z.array(actionExpectationSchema).default([]),
        absent: z.array(actionExpectationSchema).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TurnExpectation = z.infer<typeof turnExpectationSchema>;

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case words joined by hyphens' }),
    plugin: z.enum(SCENARIO_PLUGINS),
    /** Why this scenario exists: the story in the demo tenant it checks. */
    about: z.string().optional(),
    conversation: z
      .object({
        /** Thread id: turns of one scenario share it; scenarios never do. */
        thread: z.string().min(1),
        /** The channel's name, e.g. "Incident 4211 – Adele Vance". */
        channelName: z.string().optional(),
      })
      .strict(),
    turns: z.array(z.object({ ask: z.string().min(1), expect: turnExpectationSchema }).strict()).min(1),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenarioFileSchema = z
  .object({ $comment: z.string().optional(), scenarios: z.array(scenarioSchema).min(1) })
  .strict()
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.scenarios.forEach((scenario, index) => {
      const threadKey = `thread:${scenario.conversation.thread}`;
      for (const key of [`id:${scenario.id}`, threadKey]) {
        const first = seen.get(key);
        if (first !== undefined)
          context.addIssue({
            code: 'custom',
            path: ['scenarios', index, key.startsWith('id:') ? 'id' : 'conversation'],
            message: `duplicate ${key.replace(':', ' ')} (also scenario ${first})`,
          });
        else seen.set(key, index);
      }
    });
  });
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** Parses one scenario file's JSON; throws an Error naming the file and every problem with its path. */
export function parseScenarioFile(name: string, json: string): Scenario[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`${name}: not JSON: ${(error as Error).message}`);
  }
  const parsed = scenarioFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`,
    );
    throw new Error(`${name}: invalid scenario file:\n${problems.join('\n')}`);
  }
  return parsed.data.scenarios;
}
