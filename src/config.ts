/**
 * Every setting Ward has, read from the environment and validated with zod. The only module that reads
 * `process.env`. Invalid settings fail at start with a message that names the variable and says what to do;
 * nothing is re-read at request time. Secrets are held here but never logged (see `describeConfig`).
 */
import path from 'node:path';
import { z } from 'zod/v4';
import { isLoopbackUrl } from './clients/loopback-url.js';
import { ConfigError } from './core/errors.js';
import type { UsageLimits } from './core/usage/usage-meter.js';

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((value) =>
      value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value),
    );

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** Days a text is kept: a whole number up to ten years, 0 = never stored. */
const retentionDays = z.coerce.number().int().min(0).max(3_650).default(90);
/** A usage limit: a whole number, 0 (or unset) for unlimited. */
const usageLimit = z.coerce.number().int().min(0).default(0);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(3978),
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  BOT_TENANT_ID: optionalText,
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),

  DATABASE_URL: optionalText,
  DATA_DIR: z.string().default('./data'),

  TENANT_MODE: z.enum(['demo', 'live']).default('demo'),
  DEMO_TENANT_PORT: port(0),
  DEMO_TENANT_SEED: z.coerce.number().int().default(4211),
  GRAPH_BASE_URL: optionalText,
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  SOURCE_TIMEOUT_MS: positiveInt(10_000),
  SOURCE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  QUESTION_DEADLINE_MS: positiveInt(25_000),

  SERVICENOW_URL: optionalText,
  SERVICENOW_USERNAME: optionalText,
  SERVICENOW_PASSWORD: optionalText,

  THREAT_INTEL_URL: optionalText,
  THREAT_INTEL_API_KEY: optionalText,
  CVE_INTEL: z.enum(['off', 'public']).default('off'),
  NVD_URL: optionalText,
  NVD_API_KEY: optionalText,
  EPSS_URL: optionalText,

  PLAYGROUND: flag(true),
  PLAYGROUND_PORT: port(56150),

  ACTION_TTL_HOURS: positiveInt(24),
  ROLE_RESPONDERS: optionalText,
  ROLE_APPROVERS: optionalText,
  ROLE_ADMINS: optionalText,
  ROLE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  PROTECTED_ACCOUNTS: optionalText,
  TWO_PERSON_RULE: z.enum(['privileged', 'all', 'off']).default('privileged'),
  RESET_PASSWORD_DELIVERY: z.enum(['none', 'clicker']).default('none'),

  LOG_ANALYTICS_WORKSPACE_ID: optionalText,
  LOG_ANALYTICS_BASE_URL: optionalText,

  OPENAI_API_KEY: optionalText,
  OPENAI_MODEL: optionalText,
  OPENAI_BASE_URL: optionalText,
  AZURE_OPENAI_ENDPOINT: optionalText,
  AZURE_OPENAI_DEPLOYMENT: optionalText,
  AZURE_OPENAI_API_VERSION: z.string().trim().default('2024-10-21'),
  AZURE_OPENAI_API_KEY: optionalText,
  MODEL_MAX_STEPS: z.coerce.number().int().min(1).max(20).default(6),
  MODEL_MAX_TOKENS: positiveInt(40_000),
  MODEL_DEADLINE_MS: positiveInt(15_000),
  MODEL_REQUEST_TIMEOUT_MS: positiveInt(10_000),
  MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),

  MEMORY_TURNS: z.coerce.number().int().min(0).max(20).default(6),
  MEMORY_HOURS: positiveInt(24),

  RETENTION_ANSWER_DAYS: retentionDays,
  RETENTION_FEEDBACK_DAYS: retentionDays,

  PROMPTBOOKS_DIR: z.string().trim().min(1).default('promptbooks'),
  CUSTOM_PLUGINS_DIR: z.string().trim().min(1).default('plugins/custom'),

  USAGE_TENANT_DAILY_TOKENS: usageLimit,
  USAGE_TENANT_MONTHLY_TOKENS: usageLimit,
  USAGE_USER_DAILY_TOKENS: usageLimit,
  USAGE_USER_MONTHLY_TOKENS: usageLimit,
  USAGE_TENANT_DAILY_TOOL_CALLS: usageLimit,
  USAGE_TENANT_MONTHLY_TOOL_CALLS: usageLimit,
  USAGE_USER_DAILY_TOOL_CALLS: usageLimit,
  USAGE_USER_MONTHLY_TOOL_CALLS: usageLimit,
});

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  server: { host: string; port: number };
  /** Bot Framework credentials; `undefined` = no auth (local Playground only, loopback only). */
  bot?: {
    appId: string;
    password?: string;
    tenantId?: string;
    type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  };
  storage: { databaseUrl?: string; dataDir: string };
  tenant:
    | { mode: 'demo'; port: number; seed: number }
    | {
        mode: 'live';
        graphBaseUrl: string;
        credential:
          | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
          | { kind: 'managedIdentity'; clientId?: string };
      };
  sources: { timeoutMs: number; maxRetries: number; questionDeadlineMs: number };
  /**
   * The ServiceNow instance Ward opens tickets in (`live` mode; the demo tenant brings its own). `undefined`:
   * no ticketing, no "Open ticket" button.
   */
  serviceNow?: { baseUrl: string; username: string; password: string };
  /**
   * Threat-intelligence sources (`live` mode; the demo tenant brings its own). `reputation`: a VirusTotal API
   * v3-compatible source for IPs, domains, URLs and file hashes; `vulnerabilities`: NVD and FIRST EPSS for
   * CVEs. Both absent: no threat-intel plugin, and indicator questions say lookups are not set up.
   */
  threatIntel: {
    reputation?: { baseUrl: string; apiKey: string };
    vulnerabilities?: { nvdUrl: string; nvdApiKey?: string; epssUrl: string };
  };
  playground: { enabled: boolean; port: number };
  actions: {
    ttlHours: number;
    /**
     * Entra object ids (users or groups) per Ward role; empty lists everywhere = nobody may act (in demo mode
     * the composition root fills in the demo SOC team). admin ⊇ approver ⊇ responder.
     */
    roles: { responder: string[]; approver: string[]; admin: string[] };
    roleCacheMs: number;
    /** Object ids or UPNs Ward must never act on (break-glass and other protected accounts). */
    protectedAccounts: string[];
    /** `privileged`: disable account, and any action on a target holding an admin role, need a second person. */
    twoPersonRule: 'privileged' | 'all' | 'off';
    /** `none`: the temporary password is random and never shown; `clicker`: sent to the clicker in a 1:1 chat. */
    resetPasswordDelivery: 'none' | 'clicker';
  };
  /** The Sentinel (Log Analytics) workspace Ward hunts in (`live` mode; the demo tenant brings its own). */
  sentinel?: { workspaceId: string; baseUrl: string };
  /** The model Ward plans with; `undefined`: the deterministic rules planner answers everything. */
  model?: ModelSettings;
  memory: { turns: number; maxAgeMs: number };
  /**
   * Days the text of questions and answers (with their source snapshots) and of feedback comments is kept;
   * 0 = never stored. Applied when written and by the daily purge; ratings, ids and the audit log are not text.
   */
  retention: { answerDays: number; feedbackDays: number };
  /** The folder of promptbook files (`*.yaml`, one book each), relative to the working directory. */
  promptbooksDir: string;
  /** Custom plugins: the folder of manifests (relative to the working directory) and what they may name. */
  customPlugins: {
    dir: string;
    /** A variable a manifest names (`${NAME}` in a URL, `auth.secretEnv`); undefined when unset or empty. */
    env(name: string): string | undefined;
    /** The Entra credential settings for `auth: azure` (the same AZURE_* as the live tenant). */
    azureCredential(): ModelSettings['credential'];
  };
  /** Limits on model tokens and tool calls (0 = unlimited); see `core/usage/usage-meter.ts`. */
  usage: { limits: UsageLimits };
}

/** Which model endpoint, and the budgets of one question. */
export type ModelSettings = (
  | {
      provider: 'openai';
      /** Absent for an OpenAI-compatible endpoint that needs no key (a local server). */
      apiKey?: string;
      /** Absent: api.openai.com. */
      baseUrl?: string;
      model: string;
    }
  | {
      provider: 'azure';
      endpoint: string;
      deployment: string;
      apiVersion: string;
      /** Absent: Entra ID (the Azure credential settings, or managed identity). */
      apiKey?: string;
    }
) & {
  maxSteps: number;
  maxTokens: number;
  /** Time the model loop may use; what is left of QUESTION_DEADLINE_MS is for the fallback. */
  deadlineMs: number;
  requestTimeoutMs: number;
  maxRetries: number;
  /** Entra credential settings for Azure OpenAI without a key (the same AZURE_* as the live tenant). */
  credential:
    | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
    | { kind: 'managedIdentity'; clientId?: string };
};

/** Parses settings from an environment (default `process.env`). Throws ConfigError naming what is wrong. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // `PORT=` in an env file means "not set", as for the text settings: without this, numbers coerce '' to 0.
  const given = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`Invalid settings: ${problems}. See the configuration table in README.md.`);
  }
  const e = parsed.data;

  if (!e.BOT_ID && (e.BOT_PASSWORD || e.BOT_TENANT_ID)) {
    throw new ConfigError(
      'BOT_PASSWORD or BOT_TENANT_ID is set but BOT_ID is empty. Set BOT_ID, or unset both.',
    );
  }
  if (e.BOT_ID && e.BOT_TYPE !== 'UserAssignedMSI' && !e.BOT_PASSWORD) {
    throw new ConfigError(`BOT_ID is set with BOT_TYPE=${e.BOT_TYPE} but BOT_PASSWORD is empty.`);
  }
  if (e.BOT_ID && e.BOT_TYPE === 'SingleTenant' && !e.BOT_TENANT_ID) {
    throw new ConfigError(
      'BOT_TYPE=SingleTenant needs BOT_TENANT_ID (the Entra tenant id of the bot registration).',
    );
  }
  if (e.NODE_ENV === 'production' && !e.BOT_ID) {
    throw new ConfigError(
      'NODE_ENV=production needs bot credentials (BOT_ID and BOT_PASSWORD): without them every request is unauthenticated.',
    );
  }
  const bot = e.BOT_ID
    ? { appId: e.BOT_ID, password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, type: e.BOT_TYPE }
    : undefined;
  // Without credentials Ward does not authenticate callers, so it only listens on loopback.
  const host = e.HOST ?? (bot ? '0.0.0.0' : '127.0.0.1');
  if (!bot && !isLoopback(host)) {
    throw new ConfigError(
      `HOST=${host} without bot credentials would expose an unauthenticated bot. Set BOT_ID/BOT_PASSWORD, or use HOST=127.0.0.1.`,
    );
  }

  let tenant: Config['tenant'];
  if (e.TENANT_MODE === 'demo') {
    tenant = { mode: 'demo', port: e.DEMO_TENANT_PORT, seed: e.DEMO_TENANT_SEED };
  } else {
    const graphBaseUrl = (e.GRAPH_BASE_URL ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
    if (!/^https?:\/\//.test(graphBaseUrl) || !URL.canParse(graphBaseUrl))
      throw new ConfigError(`GRAPH_BASE_URL must be an http(s) URL, got "${graphBaseUrl}".`);
    // Tokens are only ever sent over https; plain http is for a demo tenant run separately on this machine.
    if (graphBaseUrl.startsWith('http://') && !isLoopbackUrl(new URL(graphBaseUrl))) {
      throw new ConfigError(
        `GRAPH_BASE_URL must use https (got "${graphBaseUrl}"); http is allowed only on loopback.`,
      );
    }
    tenant = { mode: 'live', graphBaseUrl, credential: azureCredential(e) };
  }

  const model = modelSettings(e);
  const serviceNow = serviceNowSettings(e.SERVICENOW_URL, e.SERVICENOW_USERNAME, e.SERVICENOW_PASSWORD);
  const threatIntel = threatIntelSettings(e);

  // Conversation memory holds questions too: it may not keep them longer than answers are kept.
  if (e.RETENTION_ANSWER_DAYS > 0 && e.MEMORY_TURNS > 0 && e.MEMORY_HOURS > e.RETENTION_ANSWER_DAYS * 24) {
    throw new ConfigError(
      `MEMORY_HOURS=${e.MEMORY_HOURS} would keep questions longer than RETENTION_ANSWER_DAYS=${e.RETENTION_ANSWER_DAYS} allows. Lower MEMORY_HOURS to at most ${e.RETENTION_ANSWER_DAYS * 24}, or raise the retention.`,
    );
  }

  // The Playground sends no Authorization header: it can only talk to a bot without credentials.
  const playgroundEnabled = e.PLAYGROUND && !bot && e.NODE_ENV !== 'production';

  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    server: { host, port: e.PORT },
    bot,
    storage: { databaseUrl: e.DATABASE_URL, dataDir: path.resolve(cwd, e.DATA_DIR) },
    tenant,
    sources: {
      timeoutMs: e.SOURCE_TIMEOUT_MS,
      maxRetries: e.SOURCE_MAX_RETRIES,
      questionDeadlineMs: e.QUESTION_DEADLINE_MS,
    },
    serviceNow,
    threatIntel,
    playground: { enabled: playgroundEnabled, port: e.PLAYGROUND_PORT },
    actions: {
      ttlHours: e.ACTION_TTL_HOURS,
      roles: {
        responder: idList('ROLE_RESPONDERS', e.ROLE_RESPONDERS),
        approver: idList('ROLE_APPROVERS', e.ROLE_APPROVERS),
        admin: idList('ROLE_ADMINS', e.ROLE_ADMINS),
      },
      roleCacheMs: e.ROLE_CACHE_SECONDS * 1000,
      protectedAccounts: accountList('PROTECTED_ACCOUNTS', e.PROTECTED_ACCOUNTS),
      twoPersonRule: e.TWO_PERSON_RULE,
      resetPasswordDelivery: e.RESET_PASSWORD_DELIVERY,
    },
    sentinel: sentinelSettings(e),
    model,
    memory: { turns: e.MEMORY_TURNS, maxAgeMs: e.MEMORY_HOURS * 3_600_000 },
    retention: { answerDays: e.RETENTION_ANSWER_DAYS, feedbackDays: e.RETENTION_FEEDBACK_DAYS },
    promptbooksDir: e.PROMPTBOOKS_DIR,
    customPlugins: {
      dir: e.CUSTOM_PLUGINS_DIR,
      env: (name) => (Object.hasOwn(given, name) ? given[name] : undefined),
      azureCredential: () => azureCredential(e),
    },
    usage: {
      limits: {
        'tenant.day.tokens': e.USAGE_TENANT_DAILY_TOKENS,
        'tenant.month.tokens': e.USAGE_TENANT_MONTHLY_TOKENS,
        'user.day.tokens': e.USAGE_USER_DAILY_TOKENS,
        'user.month.tokens': e.USAGE_USER_MONTHLY_TOKENS,
        'tenant.day.toolCalls': e.USAGE_TENANT_DAILY_TOOL_CALLS,
        'tenant.month.toolCalls': e.USAGE_TENANT_MONTHLY_TOOL_CALLS,
        'user.day.toolCalls': e.USAGE_USER_DAILY_TOOL_CALLS,
        'user.month.toolCalls': e.USAGE_USER_MONTHLY_TOOL_CALLS,
      },
    },
  };
}

type Env = z.infer<typeof envSchema>;

/** The Sentinel workspace, when LOG_ANALYTICS_WORKSPACE_ID is set: a GUID, and an https query endpoint. */
function sentinelSettings(e: Env): Config['sentinel'] {
  if (!e.LOG_ANALYTICS_WORKSPACE_ID) {
    if (e.LOG_ANALYTICS_BASE_URL)
      throw new ConfigError('LOG_ANALYTICS_BASE_URL is set but LOG_ANALYTICS_WORKSPACE_ID is empty.');
    return undefined;
  }
  if (!guidPattern.test(e.LOG_ANALYTICS_WORKSPACE_ID)) {
    throw new ConfigError(
      'LOG_ANALYTICS_WORKSPACE_ID must be the workspace id (a GUID, "Workspace ID" on the workspace\'s overview page).',
    );
  }
  return {
    workspaceId: e.LOG_ANALYTICS_WORKSPACE_ID.toLowerCase(),
    baseUrl: secureServiceUrl(
      'LOG_ANALYTICS_BASE_URL',
      e.LOG_ANALYTICS_BASE_URL ?? 'https://api.loganalytics.io',
    ),
  };
}

/** The Entra credential Ward uses for Azure (the live tenant's APIs, Azure OpenAI without a key). */
function azureCredential(e: Env): ModelSettings['credential'] {
  if (e.AZURE_CLIENT_SECRET) {
    if (!e.AZURE_TENANT_ID || !e.AZURE_CLIENT_ID) {
      throw new ConfigError('AZURE_CLIENT_SECRET needs AZURE_TENANT_ID and AZURE_CLIENT_ID as well.');
    }
    return {
      kind: 'clientSecret',
      tenantId: e.AZURE_TENANT_ID,
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
    };
  }
  return { kind: 'managedIdentity', clientId: e.AZURE_CLIENT_ID };
}

/**
 * The model, from whichever settings are given: AZURE_OPENAI_ENDPOINT selects Azure OpenAI (it needs a
 * deployment; a key is optional, Entra ID otherwise); OPENAI_API_KEY or OPENAI_BASE_URL select OpenAI or a
 * compatible endpoint (it needs a model name off api.openai.com). Neither: no model, the rules planner.
 */
function modelSettings(e: Env): ModelSettings | undefined {
  const budgets = {
    maxSteps: e.MODEL_MAX_STEPS,
    maxTokens: e.MODEL_MAX_TOKENS,
    deadlineMs: Math.min(e.MODEL_DEADLINE_MS, e.QUESTION_DEADLINE_MS),
    requestTimeoutMs: e.MODEL_REQUEST_TIMEOUT_MS,
    maxRetries: e.MODEL_MAX_RETRIES,
  };
  if (e.AZURE_OPENAI_ENDPOINT) {
    if (e.OPENAI_API_KEY || e.OPENAI_BASE_URL) {
      throw new ConfigError(
        'Both AZURE_OPENAI_ENDPOINT and OPENAI_API_KEY/OPENAI_BASE_URL are set: choose one model endpoint.',
      );
    }
    if (!e.AZURE_OPENAI_DEPLOYMENT) {
      throw new ConfigError(
        'AZURE_OPENAI_ENDPOINT needs AZURE_OPENAI_DEPLOYMENT (the model deployment name).',
      );
    }
    const endpoint = secureServiceUrl('AZURE_OPENAI_ENDPOINT', e.AZURE_OPENAI_ENDPOINT);
    if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(e.AZURE_OPENAI_API_VERSION)) {
      throw new ConfigError(
        `AZURE_OPENAI_API_VERSION must look like 2024-10-21 (or 2025-01-01-preview), got "${e.AZURE_OPENAI_API_VERSION}".`,
      );
    }
    return {
      provider: 'azure',
      endpoint,
      deployment: e.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: e.AZURE_OPENAI_API_VERSION,
      apiKey: e.AZURE_OPENAI_API_KEY,
      credential: azureCredential(e),
      ...budgets,
    };
  }
  if (e.AZURE_OPENAI_API_KEY || e.AZURE_OPENAI_DEPLOYMENT) {
    throw new ConfigError('AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT need AZURE_OPENAI_ENDPOINT.');
  }
  if (!e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    if (e.OPENAI_MODEL)
      throw new ConfigError('OPENAI_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL.');
    return undefined;
  }
  const baseUrl = e.OPENAI_BASE_URL ? secureServiceUrl('OPENAI_BASE_URL', e.OPENAI_BASE_URL) : undefined;
  if (baseUrl && !e.OPENAI_MODEL) {
    throw new ConfigError('OPENAI_BASE_URL needs OPENAI_MODEL (the model name that endpoint serves).');
  }
  return {
    provider: 'openai',
    apiKey: e.OPENAI_API_KEY,
    baseUrl,
    model: e.OPENAI_MODEL ?? 'gpt-4o',
    credential: azureCredential(e),
    ...budgets,
  };
}

/** A service URL Ward sends a key or token to: https, or http on loopback only; never with credentials in it. */
function secureServiceUrl(name: string, value: string): string {
  const url = value.replace(/\/+$/, '');
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.username || parsed?.password || (!parsed && url.includes('@'))) {
    throw new ConfigError(`${name} must not contain a user name or password.`);
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.hostname === '') {
    throw new ConfigError(`${name} must be an https URL, got "${url}".`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackUrl(parsed)) {
    throw new ConfigError(`${name} must use https (got "${url}"); http is allowed only on loopback.`);
  }
  return url;
}

/**
 * The threat-intelligence sources: a reputation source when THREAT_INTEL_API_KEY is set (VirusTotal unless
 * THREAT_INTEL_URL names another compatible one), NVD and FIRST EPSS when CVE_INTEL=public. URLs https (http
 * only on loopback), without credentials; keys are checked for shape and never echoed.
 */
function threatIntelSettings(e: Env): Config['threatIntel'] {
  if (e.THREAT_INTEL_URL && !e.THREAT_INTEL_API_KEY) {
    throw new ConfigError(
      'THREAT_INTEL_URL is set but THREAT_INTEL_API_KEY is empty: the source needs its key.',
    );
  }
  if (e.CVE_INTEL === 'off' && (e.NVD_URL || e.NVD_API_KEY || e.EPSS_URL)) {
    throw new ConfigError('NVD_URL, NVD_API_KEY and EPSS_URL need CVE_INTEL=public.');
  }
  return {
    reputation: e.THREAT_INTEL_API_KEY
      ? {
          baseUrl: secureServiceUrl('THREAT_INTEL_URL', e.THREAT_INTEL_URL ?? 'https://www.virustotal.com'),
          apiKey: sourceKey('THREAT_INTEL_API_KEY', e.THREAT_INTEL_API_KEY),
        }
      : undefined,
    vulnerabilities:
      e.CVE_INTEL === 'public'
        ? {
            nvdUrl: secureServiceUrl('NVD_URL', e.NVD_URL ?? 'https://services.nvd.nist.gov'),
            nvdApiKey: e.NVD_API_KEY ? sourceKey('NVD_API_KEY', e.NVD_API_KEY) : undefined,
            epssUrl: secureServiceUrl('EPSS_URL', e.EPSS_URL ?? 'https://api.first.org'),
          }
        : undefined,
  };
}

/** An API key that can travel in a header: printable ASCII without spaces. Never echoed. */
function sourceKey(name: string, value: string): string {
  if (!/^[\x21-\x7e]{8,256}$/.test(value)) {
    throw new ConfigError(
      `${name} must be 8 to 256 printable characters without spaces (the value is not shown).`,
    );
  }
  return value;
}

/** All three ServiceNow settings or none; the URL https (or http on loopback), without credentials in it. */
function serviceNowSettings(
  url: string | undefined,
  username: string | undefined,
  password: string | undefined,
): Config['serviceNow'] {
  const given = { SERVICENOW_URL: url, SERVICENOW_USERNAME: username, SERVICENOW_PASSWORD: password };
  const missing = Object.entries(given).filter(([, value]) => value === undefined);
  if (missing.length === 3) return undefined;
  if (url === undefined || username === undefined || password === undefined) {
    throw new ConfigError(
      `ServiceNow needs SERVICENOW_URL, SERVICENOW_USERNAME and SERVICENOW_PASSWORD together; ${missing
        .map(([name]) => name)
        .join(
          ' and ',
        )} ${missing.length === 1 ? 'is' : 'are'} empty. Set all three, or none to run without tickets.`,
    );
  }
  const baseUrl = url.replace(/\/+$/, '');
  const parsed = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  // Checked first, and the value never echoed before it passes: a URL with credentials in it is a secret.
  if (parsed?.username || parsed?.password || (!parsed && baseUrl.includes('@'))) {
    throw new ConfigError(
      'SERVICENOW_URL must not contain a user name or password: use SERVICENOW_USERNAME and SERVICENOW_PASSWORD.',
    );
  }
  if (!parsed || !/^https?:\/\//.test(baseUrl) || parsed.hostname === '') {
    throw new ConfigError(
      `SERVICENOW_URL must be the instance's https URL (https://<instance>.service-now.com), got "${baseUrl}".`,
    );
  }
  // Basic authentication sends the password with every request: never over plain http off this machine.
  if (parsed.protocol === 'http:' && !isLoopbackUrl(parsed)) {
    throw new ConfigError(
      `SERVICENOW_URL must use https (got "${baseUrl}"); http is allowed only on loopback.`,
    );
  }
  if (username.includes(':')) {
    throw new ConfigError('SERVICENOW_USERNAME cannot contain ":" (basic authentication separates on it).');
  }
  return { baseUrl, username, password };
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const upnPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A comma-separated list of Entra object ids (users or groups), lower-cased. */
function idList(name: string, value: string | undefined): string[] {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = items.filter((item) => !guidPattern.test(item));
  if (bad.length) {
    throw new ConfigError(
      `${name} must list Entra object ids (GUIDs) separated by commas; not an id: ${bad.slice(0, 3).join(', ')}.`,
    );
  }
  return items.map((item) => item.toLowerCase());
}

/** A comma-separated list of object ids or UPNs, lower-cased. */
function accountList(name: string, value: string | undefined): string[] {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = items.filter((item) => !guidPattern.test(item) && !upnPattern.test(item));
  if (bad.length) {
    throw new ConfigError(
      `${name} must list object ids or UPNs separated by commas; not one: ${bad.slice(0, 3).join(', ')}.`,
    );
  }
  return items.map((item) => item.toLowerCase());
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** A log-safe summary of the settings: no secrets, no connection strings with passwords. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    env: config.env,
    listen: `${config.server.host}:${config.server.port}`,
    botAuth: config.bot ? `${config.bot.type} app ${config.bot.appId}` : 'none (local only)',
    storage: config.storage.databaseUrl
      ? `postgres ${redactUrl(config.storage.databaseUrl)}`
      : `pglite ${config.storage.dataDir}`,
    tenant:
      config.tenant.mode === 'demo'
        ? 'demo tenant (embedded)'
        : `live ${config.tenant.graphBaseUrl} (${config.tenant.credential.kind})`,
    ticketing:
      config.tenant.mode === 'demo'
        ? 'ServiceNow (demo tenant)'
        : config.serviceNow
          ? `ServiceNow ${config.serviceNow.baseUrl} as ${config.serviceNow.username}`
          : 'off',
    threatIntel:
      config.tenant.mode === 'demo'
        ? 'VirusTotal-, NVD- and EPSS-shaped sources (demo tenant)'
        : [
            config.threatIntel.reputation
              ? `reputation ${config.threatIntel.reputation.baseUrl} (key set)`
              : undefined,
            config.threatIntel.vulnerabilities
              ? `CVEs ${config.threatIntel.vulnerabilities.nvdUrl} (${config.threatIntel.vulnerabilities.nvdApiKey ? 'key set' : 'no key'}), ${config.threatIntel.vulnerabilities.epssUrl}`
              : undefined,
          ]
            .filter(Boolean)
            .join('; ') || 'off',
    playground: config.playground.enabled,
    retention: `text of answers ${keptFor(config.retention.answerDays)}, of feedback comments ${keptFor(config.retention.feedbackDays)}`,
    model: config.model
      ? config.model.provider === 'azure'
        ? `Azure OpenAI ${config.model.endpoint} deployment ${config.model.deployment} (${config.model.apiKey ? 'key' : `Entra ID, ${config.model.credential.kind}`})`
        : `${config.model.baseUrl ?? 'OpenAI'} model ${config.model.model}`
      : 'none (rules planner)',
  };
}

function keptFor(days: number): string {
  return days === 0 ? 'not stored' : `kept ${days} day${days === 1 ? '' : 's'}`;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // pg also reads `password` (and `sslpassword`) from the query string.
    for (const name of [...parsed.searchParams.keys()]) {
      if (/pass/i.test(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
