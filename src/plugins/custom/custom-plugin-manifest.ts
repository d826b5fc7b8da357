/**
 * The schema of a custom plugin manifest (`plugins/custom/*.yaml` or `.json`): the plugin's identity, and its
 * skills, each one of three kinds — `kql` (a parameterised Sentinel query), `http` (a GET operation of an
 * OpenAPI document, with an auth reference) and `prompt` (a template the configured model completes).
 * Objects are strict, so a misspelt key is reported where it is, not ignored. What needs more than the file
 * itself (the query against the workspace schema, the OpenAPI document, environment variables) is checked by
 * the loader, which locates its problems the same way. Data and validation only; it never runs anything.
 */
import { z } from 'zod/v4';
import {
  NUMERIC_TYPES,
  PARAMETER_TYPES,
  type ParameterDefinition,
  parameterValueSchema,
} from './custom-parameter.js';

/** The built-in plugins: a custom plugin may not take their names (its skills would shadow theirs). */
export const BUILT_IN_PLUGIN_NAMES: readonly string[] = [
  'entra',
  'defender-xdr',
  'intune',
  'sentinel',
  'defender-cloud',
  'threat-intel',
  'servicenow',
  'script-analysis',
];

/** ISO 8601 durations Log Analytics takes as a query's timespan: `P7D`, `PT24H`, `P1DT12H`. */
export const ISO_DURATION = /^P(?!$)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

const pluginName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,23}$/,
    'must be a lowercase id of 2 to 24 letters, digits and dashes, e.g. contoso-hunting',
  )
  .refine((name) => !BUILT_IN_PLUGIN_NAMES.includes(name), {
    error: (issue) =>
      `"${String(issue.input)}" is the name of a built-in plugin (${BUILT_IN_PLUGIN_NAMES.join(', ')}); choose another`,
  });
const skillName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{1,38}$/, 'must be camelCase, 2 to 39 letters and digits, e.g. legacyAuthSignIns');
const description = z.string().trim().min(1).max(500);
/** A skill's title on cards ("Legacy authentication sign-ins"); derived from its name when absent. */
const title = z.string().trim().min(1).max(60).optional();
const triggers = z
  .array(
    z
      .string()
      .trim()
      .min(3)
      .max(80)
      .refine((phrase) => /[\p{L}\p{N}]/u.test(phrase), 'must contain words'),
  )
  .max(20)
  .default([]);
const envName = z
  .string()
  .regex(ENV_NAME, 'must be an environment variable name in capitals, e.g. ASSET_INVENTORY_API_KEY');

const parameterSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be camelCase, e.g. user or days'),
    type: z.enum(PARAMETER_TYPES, { error: () => `must be one of ${PARAMETER_TYPES.join(', ')}` }),
    description: z.string().trim().min(1).max(300),
    required: z.boolean().optional(),
    default: z.union([z.string().max(256), z.number()]).optional(),
    example: z.union([z.string().max(256), z.number()]).optional(),
    min: z.number().int().nonnegative().optional(),
    max: z.number().int().positive().optional(),
    maxLength: z.number().int().min(1).max(1000).optional(),
    pattern: z.string().min(1).max(200).optional(),
  })
  .superRefine((parameter, context) => {
    const numeric = NUMERIC_TYPES.has(parameter.type);
    for (const key of ['min', 'max'] as const) {
      if (!numeric && parameter[key] !== undefined)
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `only integer, hours and days take ${key}`,
        });
    }
    for (const key of ['maxLength', 'pattern'] as const) {
      if (numeric && parameter[key] !== undefined)
        context.addIssue({ code: 'custom', path: [key], message: `only text types take ${key}` });
    }
    if (parameter.pattern !== undefined && parameter.type !== 'string') {
      context.addIssue({ code: 'custom', path: ['pattern'], message: 'only type string takes a pattern' });
    }
    if (parameter.pattern !== undefined) {
      try {
        new RegExp(parameter.pattern);
      } catch {
        context.addIssue({ code: 'custom', path: ['pattern'], message: 'is not a valid regular expression' });
        return;
      }
    }
    if (parameter.min !== undefined && parameter.max !== undefined && parameter.min > parameter.max) {
      context.addIssue({ code: 'custom', path: ['min'], message: 'is larger than max' });
    }
    if (parameter.required === true && parameter.default !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['required'],
        message: 'a parameter with a default is not required; remove one of them',
      });
    }
    for (const key of ['default', 'example'] as const) {
      const value = parameter[key];
      if (value === undefined) continue;
      const checked = parameterValueSchema(parameter as ParameterDefinition).safeParse(value);
      if (!checked.success)
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `is not a valid ${parameter.type}: ${checked.error.issues[0]?.message ?? 'invalid'}`,
        });
    }
  });

/** Parameters of a skill whose text is filled in (KQL, prompt): each needs a value, so a default or required. */
const filledParameters = z
  .array(parameterSchema)
  .max(10)
  .default([])
  .superRefine((parameters, context) => {
    const seen = new Set<string>();
    parameters.forEach((parameter, index) => {
      if (seen.has(parameter.name))
        context.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `"${parameter.name}" is declared twice`,
        });
      seen.add(parameter.name);
      if (parameter.required === false && parameter.default === undefined)
        context.addIssue({
          code: 'custom',
          path: [index, 'required'],
          message: 'every placeholder needs a value: give an optional parameter a default',
        });
    });
  });

const kqlSkillSchema = z
  .strictObject({
    kind: z.literal('kql'),
    name: skillName,
    title,
    description,
    parameters: filledParameters,
    /** KQL with `{{parameter}}` placeholders, each replaced by a literal of the parameter's value. */
    query: z.string().min(1).max(10_000),
    /** An ISO 8601 duration (`P30D`), or the name of an hours or days parameter. */
    timespan: z.string().trim().min(1).max(40).optional(),
    triggers,
  })
  .superRefine((skill, context) => {
    const periods = skill.parameters.filter((p) => p.type === 'hours' || p.type === 'days');
    if (skill.timespan === undefined) {
      if (periods.length !== 1)
        context.addIssue({
          code: 'custom',
          path: ['timespan'],
          message:
            'is required unless the skill has exactly one hours or days parameter: an ISO 8601 duration such as P7D, or the name of that parameter',
        });
      return;
    }
    if (ISO_DURATION.test(skill.timespan)) return;
    if (!periods.some((p) => p.name === skill.timespan))
      context.addIssue({
        code: 'custom',
        path: ['timespan'],
        message: `must be an ISO 8601 duration such as P7D or PT24H, or the name of an hours or days parameter${
          periods.length ? ` (${periods.map((p) => p.name).join(', ')})` : ''
        }`,
      });
  });

/** What an OpenAPI parameter means, for the rules planner to fill it from the question. */
const BINDABLE_TYPES = PARAMETER_TYPES;

const httpSkillSchema = z.strictObject({
  kind: z.literal('http'),
  name: skillName,
  title,
  description,
  /** The OpenAPI 3.x document (YAML or JSON), relative to the manifest, inside its folder. */
  openapi: z.string().trim().min(1).max(300),
  /** The GET operation the skill calls. */
  operationId: z.string().trim().min(1).max(200),
  /** Which entity of the question fills an operation parameter: `{ hostname: device }`. */
  bind: z
    .record(
      z.string().min(1).max(100),
      z.enum(BINDABLE_TYPES, { error: () => `must be one of ${BINDABLE_TYPES.join(', ')}` }),
    )
    .optional(),
  triggers,
});

const promptSkillSchema = z.strictObject({
  kind: z.literal('prompt'),
  name: skillName,
  title,
  description,
  parameters: filledParameters,
  /** The prompt, with `{{parameter}}` placeholders; the configured model completes it. */
  template: z.string().min(1).max(8_000),
  triggers,
});

const skillSchema = z.discriminatedUnion('kind', [kqlSkillSchema, httpSkillSchema, promptSkillSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'kind must be one of kql, http, prompt' : undefined),
});

/** How HTTP skills authenticate: each secret is named by the environment variable holding it. */
const authSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({
      type: z.literal('apiKey'),
      in: z.enum(['header', 'query']),
      name: z
        .string()
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'must be a header or query parameter name'),
      secretEnv: envName,
    }),
    z.strictObject({ type: z.literal('bearer'), secretEnv: envName }),
    z.strictObject({
      type: z.literal('azure'),
      /** The Entra ID scope of the API's tokens, e.g. `api://<app id>/.default`. */
      scope: z
        .string()
        .trim()
        .regex(/^\S{3,300}\/\.default$/, 'must be a scope ending in /.default, e.g. api://<app id>/.default'),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'type must be one of none, apiKey, bearer, azure' : undefined,
  },
);

/** A custom plugin manifest. */
export const customPluginManifestSchema = z
  .strictObject({
    /** Lowercase id: skills are `<name>.<skill>`. */
    name: pluginName,
    /** The service as analysts know it, shown in citations. */
    displayName: z.string().trim().min(1).max(60),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'must be a version such as 1.0.0'),
    description,
    /** HTTP skills: the API's base URL (`${ENV_NAME}` references allowed); else the document's first server. */
    baseUrl: z.string().trim().min(1).max(500).optional(),
    /** HTTP skills: how they authenticate. */
    auth: authSchema.default({ type: 'none' }),
    skills: z.array(skillSchema).min(1).max(30),
  })
  .superRefine((manifest, context) => {
    const seen = new Set<string>();
    manifest.skills.forEach((skill, index) => {
      if (seen.has(skill.name))
        context.addIssue({
          code: 'custom',
          path: ['skills', index, 'name'],
          message: `"${skill.name}" is the name of another skill of this plugin`,
        });
      seen.add(skill.name);
    });
    const http = manifest.skills.some((skill) => skill.kind === 'http');
    if (!http && manifest.baseUrl !== undefined)
      context.addIssue({ code: 'custom', path: ['baseUrl'], message: 'is only used by http skills' });
    if (!http && manifest.auth.type !== 'none')
      context.addIssue({ code: 'custom', path: ['auth'], message: 'is only used by http skills' });
  });

export type CustomPluginManifest = z.output<typeof customPluginManifestSchema>;
export type CustomSkillManifest = CustomPluginManifest['skills'][number];
export type KqlSkillManifest = Extract<CustomSkillManifest, { kind: 'kql' }>;
export type HttpSkillManifest = Extract<CustomSkillManifest, { kind: 'http' }>;
export type PromptSkillManifest = Extract<CustomSkillManifest, { kind: 'prompt' }>;
export type HttpAuthManifest = CustomPluginManifest['auth'];
