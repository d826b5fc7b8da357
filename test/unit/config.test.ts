/**
 * Ward's settings: the defaults that make `npm start` a working local demo, every invalid value refused at
 * start with a ConfigError that names the variable, the combinations that would expose an unauthenticated
 * bot refused, and a log summary that never carries a secret.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, describeConfig, loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

const CWD = path.resolve('/srv/ward');
const BOT_ID = '6f1c1e4a-3b8e-4a53-9a43-2f2b8f0b7c11';
const BOT_TENANT_ID = '0b5a1d2e-7c4f-4e8a-b1f3-9d6e2c8a4f70';
const BOT_PASSWORD = 'bot-password-value-7Q~xYz';
const CLIENT_SECRET = 'client-secret-value-3R~abc';

function load(environment: Record<string, string | undefined>): Config {
  return loadConfig(environment, CWD);
}

/** The ConfigError `environment` is refused with. */
function refusal(environment: Record<string, string | undefined>): ConfigError {
  try {
    load(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(environment)} to be refused`);
}

const singleTenantBot = {
  BOT_ID,
  BOT_PASSWORD,
  BOT_TENANT_ID,
  BOT_TYPE: 'SingleTenant',
};

describe('defaults', () => {
  it('run an embedded demo: demo tenant, PGlite in ./data, Playground on, loopback only', () => {
    const config = load({});
    expect(config).toEqual({
      env: 'development',
      logLevel: 'info',
      server: { host: '127.0.0.1', port: 3978 },
      bot: undefined,
      storage: { databaseUrl: undefined, dataDir: path.join(CWD, 'data') },
      tenant: { mode: 'demo', port: 0, seed: 4211 },
      sources: { timeoutMs: 10_000, maxRetries: 3, questionDeadlineMs: 25_000 },
      serviceNow: undefined,
      threatIntel: { reputation: undefined, vulnerabilities: undefined },
      playground: { enabled: true, port: 56150 },
      actions: {
        ttlHours: 24,
        roles: { responder: [], approver: [], admin: [] },
        roleCacheMs: 300_000,
        protectedAccounts: [],
        twoPersonRule: 'privileged',
        resetPasswordDelivery: 'none',
      },
      sentinel: undefined,
      model: undefined,
      memory: { turns: 6, maxAgeMs: 86_400_000 },
      retention: { answerDays: 90, feedbackDays: 90 },
      promptbooksDir: 'promptbooks',
      customPlugins: {
        dir: 'plugins/custom',
        env: expect.any(Function),
        azureCredential: expect.any(Function),
      },
      usage: {
        limits: {
          'tenant.day.tokens': 0,
          'tenant.month.tokens': 0,
          'user.day.tokens': 0,
          'user.month.tokens': 0,
          'tenant.day.toolCalls': 0,
          'tenant.month.toolCalls': 0,
          'user.day.toolCalls': 0,
          'user.month.toolCalls': 0,
        },
      },
    });
  });

  it('reads CUSTOM_PLUGINS_DIR, and lets manifests name set variables only', () => {
    const config = load({ CUSTOM_PLUGINS_DIR: 'etc/ward-plugins', ASSET_KEY: 'k-1', EMPTY: ' ' });
    expect(config.customPlugins.dir).toBe('etc/ward-plugins');
    expect(config.customPlugins.env('ASSET_KEY')).toBe('k-1');
    expect(config.customPlugins.env('EMPTY')).toBeUndefined();
    expect(config.customPlugins.env('MISSING')).toBeUndefined();
    expect(config.customPlugins.env('constructor')).toBeUndefined();
    expect(config.customPlugins.azureCredential()).toEqual({ kind: 'managedIdentity', clientId: undefined });
  });

  it('resolves DATA_DIR against the working directory, and keeps an absolute one', () => {
    expect(load({ DATA_DIR: 'state/db' }).storage.dataDir).toBe(path.join(CWD, 'state', 'db'));
    expect(load({ DATA_DIR: '/var/lib/ward' }).storage.dataDir).toBe(path.resolve('/var/lib/ward'));
  });

  it('treats an empty value as unset, as an env file writes it', () => {
    const config = load({ PORT: '', DATA_DIR: '', SOURCE_TIMEOUT_MS: ' ', NODE_ENV: '', PLAYGROUND: '' });
    expect(config.server.port).toBe(3978);
    expect(config.storage.dataDir).toBe(path.join(CWD, 'data'));
    expect(config.sources.timeoutMs).toBe(10_000);
    expect(config.env).toBe('development');
    expect(config.playground.enabled).toBe(true);
  });

  it('reads numbers and flags', () => {
    const config = load({
      PORT: '8080',
      SOURCE_TIMEOUT_MS: '2500',
      SOURCE_MAX_RETRIES: '0',
      PLAYGROUND: 'off',
      DEMO_TENANT_SEED: '7',
    });
    expect(config.server.port).toBe(8080);
    expect(config.sources).toMatchObject({ timeoutMs: 2500, maxRetries: 0 });
    expect(config.playground.enabled).toBe(false);
    expect(config.tenant).toEqual({ mode: 'demo', port: 0, seed: 7 });
  });
});

describe('invalid values', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['TENANT_MODE', 'prod'],
    ['BOT_TYPE', 'x'],
    ['NODE_ENV', 'staging'],
    ['PLAYGROUND', 'maybe'],
    ['SOURCE_TIMEOUT_MS', '-5'],
    ['SOURCE_MAX_RETRIES', '11'],
    ['ACTION_TTL_HOURS', '1.5'],
  ])('%s=%s is refused with a message naming %s', (name, value) => {
    const error = refusal({ [name]: value });
    expect(error.code).toBe('config_error');
    expect(error.message).toContain(`${name}:`);
    expect(error.message).toMatch(/README/);
  });

  it('names every invalid variable at once', () => {
    const error = refusal({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(error.message).toContain('PORT:');
    expect(error.message).toContain('LOG_LEVEL:');
  });
});

describe('bot credentials', () => {
  it('refuses BOT_PASSWORD without BOT_ID', () => {
    expect(refusal({ BOT_PASSWORD }).message).toMatch(/BOT_ID is empty/);
  });

  it('refuses BOT_TENANT_ID without BOT_ID', () => {
    expect(refusal({ BOT_TENANT_ID }).message).toMatch(/BOT_ID is empty/);
  });

  it('refuses BOT_ID without BOT_PASSWORD, unless the bot uses a managed identity', () => {
    expect(refusal({ BOT_ID, BOT_TYPE: 'MultiTenant' }).message).toMatch(/BOT_PASSWORD is empty/);
    expect(load({ BOT_ID, BOT_TYPE: 'UserAssignedMSI' }).bot).toEqual({
      appId: BOT_ID,
      password: undefined,
      tenantId: undefined,
      type: 'UserAssignedMSI',
    });
  });

  it('refuses SingleTenant (the default type) without BOT_TENANT_ID', () => {
    expect(refusal({ BOT_ID, BOT_PASSWORD }).message).toMatch(/SingleTenant needs BOT_TENANT_ID/);
  });

  it('refuses production without credentials', () => {
    expect(refusal({ NODE_ENV: 'production' }).message).toMatch(/production needs bot credentials/);
  });

  it('refuses to listen beyond loopback without credentials', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5']) {
      expect(refusal({ HOST: host }).message).toMatch(/unauthenticated bot/);
    }
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(load({ HOST: host }).server.host).toBe(host);
  });

  it('with credentials: listens on all interfaces by default and turns the Playground off', () => {
    const config = load({ ...singleTenantBot, PLAYGROUND: '1' });
    expect(config.bot).toEqual({
      appId: BOT_ID,
      password: BOT_PASSWORD,
      tenantId: BOT_TENANT_ID,
      type: 'SingleTenant',
    });
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.playground.enabled).toBe(false);
    expect(load({ ...singleTenantBot, HOST: '127.0.0.1' }).server.host).toBe('127.0.0.1');
  });

  it('accepts production with credentials, Playground off', () => {
    const config = load({ ...singleTenantBot, NODE_ENV: 'production' });
    expect(config.env).toBe('production');
    expect(config.playground.enabled).toBe(false);
  });

  it('accepts a MultiTenant bot without a tenant id', () => {
    expect(load({ BOT_ID, BOT_PASSWORD, BOT_TYPE: 'MultiTenant' }).bot?.type).toBe('MultiTenant');
  });
});

describe('live tenant', () => {
  it('uses a client secret when one is given', () => {
    const config = load({
      TENANT_MODE: 'live',
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(config.tenant).toEqual({
      mode: 'live',
      graphBaseUrl: 'https://graph.microsoft.com',
      credential: {
        kind: 'clientSecret',
        tenantId: 'tenant',
        clientId: 'client',
        clientSecret: CLIENT_SECRET,
      },
    });
  });

  it('refuses a client secret without its tenant and client ids', () => {
    expect(refusal({ TENANT_MODE: 'live', AZURE_CLIENT_SECRET: CLIENT_SECRET }).message).toMatch(
      /AZURE_TENANT_ID and AZURE_CLIENT_ID/,
    );
  });

  it('uses a managed identity otherwise, user-assigned when a client id is given', () => {
    expect(load({ TENANT_MODE: 'live' }).tenant).toEqual({
      mode: 'live',
      graphBaseUrl: 'https://graph.microsoft.com',
      credential: { kind: 'managedIdentity', clientId: undefined },
    });
    expect(load({ TENANT_MODE: 'live', AZURE_CLIENT_ID: 'mi-client' }).tenant).toMatchObject({
      credential: { kind: 'managedIdentity', clientId: 'mi-client' },
    });
  });

  it('trims trailing slashes from GRAPH_BASE_URL', () => {
    expect(
      load({ TENANT_MODE: 'live', GRAPH_BASE_URL: 'https://graph.microsoft.us//' }).tenant,
    ).toMatchObject({ graphBaseUrl: 'https://graph.microsoft.us' });
  });

  it('allows plain http only for a demo tenant on loopback, since tokens are never sent over http', () => {
    expect(load({ TENANT_MODE: 'live', GRAPH_BASE_URL: 'http://127.0.0.1:4211/graph' }).tenant).toMatchObject(
      {
        graphBaseUrl: 'http://127.0.0.1:4211/graph',
      },
    );
    expect(refusal({ TENANT_MODE: 'live', GRAPH_BASE_URL: 'http://graph.contoso.net' }).message).toMatch(
      /must use https/,
    );
  });

  it.each(['graph.microsoft.com', 'ftp://graph.microsoft.com', 'https://', 'https://graph microsoft.com'])(
    'refuses GRAPH_BASE_URL=%s',
    (value) => {
      expect(refusal({ TENANT_MODE: 'live', GRAPH_BASE_URL: value }).message).toMatch(/GRAPH_BASE_URL/);
    },
  );
});

describe('ServiceNow', () => {
  const SERVICENOW_PASSWORD = 'snow-password-value-8K~pq';
  const serviceNow = {
    SERVICENOW_URL: 'https://contoso.service-now.com/',
    SERVICENOW_USERNAME: 'svc-ward',
    SERVICENOW_PASSWORD,
  };

  it('is off unless set, and reads all three settings, trimming the trailing slash', () => {
    expect(load({}).serviceNow).toBeUndefined();
    expect(load(serviceNow).serviceNow).toEqual({
      baseUrl: 'https://contoso.service-now.com',
      username: 'svc-ward',
      password: SERVICENOW_PASSWORD,
    });
  });

  it('refuses some of the three without the others, naming what is missing', () => {
    expect(refusal({ SERVICENOW_URL: serviceNow.SERVICENOW_URL }).message).toMatch(
      /SERVICENOW_USERNAME and SERVICENOW_PASSWORD are empty/,
    );
    expect(refusal({ ...serviceNow, SERVICENOW_PASSWORD: '' }).message).toMatch(
      /SERVICENOW_PASSWORD is empty/,
    );
  });

  it('allows plain http only on loopback, since basic authentication sends the password each time', () => {
    expect(
      load({ ...serviceNow, SERVICENOW_URL: 'http://127.0.0.1:4211/servicenow' }).serviceNow?.baseUrl,
    ).toBe('http://127.0.0.1:4211/servicenow');
    expect(refusal({ ...serviceNow, SERVICENOW_URL: 'http://contoso.service-now.com' }).message).toMatch(
      /SERVICENOW_URL must use https/,
    );
  });

  it.each([
    'contoso.service-now.com',
    'ftp://contoso.service-now.com',
    'https://',
    'https://svc:pw@contoso.service-now.com',
  ])('refuses SERVICENOW_URL=%s', (value) => {
    expect(refusal({ ...serviceNow, SERVICENOW_URL: value }).message).toMatch(/SERVICENOW_URL/);
  });

  it('never echoes a SERVICENOW_URL with credentials in it', () => {
    for (const value of [
      'https://svc:pw-in-url-1@contoso.service-now.com',
      'ftp://svc:pw-in-url-1@contoso',
    ]) {
      expect(refusal({ ...serviceNow, SERVICENOW_URL: value }).message).not.toContain('pw-in-url-1');
    }
  });

  it('refuses a user name with ":" (basic authentication splits on it)', () => {
    expect(refusal({ ...serviceNow, SERVICENOW_USERNAME: 'svc:ward' }).message).toMatch(
      /SERVICENOW_USERNAME/,
    );
  });

  it('is summarised with the instance and user, never the password', () => {
    const summary = describeConfig(load({ ...serviceNow, TENANT_MODE: 'live' }));
    expect(summary.ticketing).toBe('ServiceNow https://contoso.service-now.com as svc-ward');
    expect(JSON.stringify(summary)).not.toContain(SERVICENOW_PASSWORD);
    expect(describeConfig(load({ TENANT_MODE: 'live' })).ticketing).toBe('off');
  });
});

describe('action roles and protections', () => {
  it('reads Ward roles as lower-cased Entra object ids', () => {
    const config = load({
      ROLE_RESPONDERS: 'A1F0C4E2-6B1D-4C55-9A7E-2D5B8F3E0A01, b2e1d5f3-7c2e-4d66-8b8f-3e6c9a4f1b02',
      ROLE_ADMINS: 'f6c5b9d7-b06c-4baa-8fcd-7ca0de8d5f06',
      PROTECTED_ACCOUNTS: 'BreakGlass01@contoso.onmicrosoft.com',
      TWO_PERSON_RULE: 'all',
    });
    expect(config.actions.roles).toEqual({
      responder: ['a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', 'b2e1d5f3-7c2e-4d66-8b8f-3e6c9a4f1b02'],
      approver: [],
      admin: ['f6c5b9d7-b06c-4baa-8fcd-7ca0de8d5f06'],
    });
    expect(config.actions.protectedAccounts).toEqual(['breakglass01@contoso.onmicrosoft.com']);
    expect(config.actions.twoPersonRule).toBe('all');
  });

  it.each([
    ['ROLE_RESPONDERS', 'soc-responders'],
    ['ROLE_APPROVERS', 'patti@contoso.com'],
    ['ROLE_ADMINS', '1234'],
    ['PROTECTED_ACCOUNTS', 'not an account'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(refusal({ [name]: value }).message).toMatch(name);
  });

  it.each([
    ['TWO_PERSON_RULE', 'sometimes'],
    ['RESET_PASSWORD_DELIVERY', 'email'],
  ])('refuses %s=%s', (name, value) => {
    expect(refusal({ [name]: value }).message).toMatch(name);
  });
});

describe('model settings', () => {
  const OPENAI_KEY = 'sk-test-openai-key-123456';
  const AZURE_KEY = 'azure-openai-key-abcdef';

  it('no model settings: the rules planner, memory and unlimited usage', () => {
    const config = load({});
    expect(config.model).toBeUndefined();
    expect(config.memory).toEqual({ turns: 6, maxAgeMs: 24 * 3_600_000 });
    expect(Object.values(config.usage.limits).every((limit) => limit === 0)).toBe(true);
  });

  it('OPENAI_API_KEY selects OpenAI with a default model and the budgets', () => {
    expect(load({ OPENAI_API_KEY: OPENAI_KEY }).model).toMatchObject({
      provider: 'openai',
      apiKey: OPENAI_KEY,
      baseUrl: undefined,
      model: 'gpt-4o',
      maxSteps: 6,
      maxTokens: 40_000,
      deadlineMs: 15_000,
      maxRetries: 2,
    });
  });

  it('an OpenAI-compatible endpoint needs a model name but no key; loopback may be http', () => {
    expect(
      load({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/', OPENAI_MODEL: 'llama3.1' }).model,
    ).toMatchObject({
      provider: 'openai',
      apiKey: undefined,
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
    });
    expect(refusal({ OPENAI_BASE_URL: 'https://llm.internal/v1' }).message).toContain('OPENAI_MODEL');
    expect(refusal({ OPENAI_BASE_URL: 'http://llm.internal/v1', OPENAI_MODEL: 'm' }).message).toContain(
      'http is allowed only on loopback',
    );
    expect(refusal({ OPENAI_MODEL: 'gpt-4o' }).message).toContain('OPENAI_API_KEY');
  });

  it('AZURE_OPENAI_ENDPOINT selects Azure OpenAI, with a key or with Entra ID', () => {
    const keyed = load({
      AZURE_OPENAI_ENDPOINT: 'https://contoso-ai.openai.azure.com/',
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-soc',
      AZURE_OPENAI_API_KEY: AZURE_KEY,
    }).model;
    expect(keyed).toMatchObject({
      provider: 'azure',
      endpoint: 'https://contoso-ai.openai.azure.com',
      deployment: 'gpt-4o-soc',
      apiVersion: '2024-10-21',
      apiKey: AZURE_KEY,
    });
    const entra = load({
      AZURE_OPENAI_ENDPOINT: 'https://contoso-ai.openai.azure.com',
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-soc',
      AZURE_CLIENT_ID: 'c1d2e3f4-0000-4000-8000-000000000009',
    }).model;
    expect(entra).toMatchObject({
      provider: 'azure',
      apiKey: undefined,
      credential: { kind: 'managedIdentity', clientId: 'c1d2e3f4-0000-4000-8000-000000000009' },
    });
  });

  it('refuses half or conflicting model settings, naming the variable', () => {
    expect(refusal({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' }).message).toContain(
      'AZURE_OPENAI_DEPLOYMENT',
    );
    expect(refusal({ AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' }).message).toContain('AZURE_OPENAI_ENDPOINT');
    expect(
      refusal({
        AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com',
        AZURE_OPENAI_DEPLOYMENT: 'd',
        OPENAI_API_KEY: OPENAI_KEY,
      }).message,
    ).toContain('choose one');
    expect(
      refusal({
        AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com',
        AZURE_OPENAI_DEPLOYMENT: 'd',
        AZURE_OPENAI_API_VERSION: 'latest',
      }).message,
    ).toContain('AZURE_OPENAI_API_VERSION');
    expect(refusal({ OPENAI_API_KEY: OPENAI_KEY, MODEL_MAX_STEPS: '0' }).message).toContain(
      'MODEL_MAX_STEPS',
    );
    expect(refusal({ USAGE_USER_DAILY_TOKENS: '-5' }).message).toContain('USAGE_USER_DAILY_TOKENS');
    expect(
      refusal({ OPENAI_BASE_URL: 'https://key:secret@llm.example/v1', OPENAI_MODEL: 'm' }).message,
    ).not.toContain('secret');
  });

  it('the model deadline never exceeds the question deadline', () => {
    expect(
      load({ OPENAI_API_KEY: OPENAI_KEY, MODEL_DEADLINE_MS: '60000', QUESTION_DEADLINE_MS: '20000' }).model
        ?.deadlineMs,
    ).toBe(20_000);
  });

  it('reads usage limits and memory bounds', () => {
    const config = load({
      USAGE_TENANT_DAILY_TOKENS: '100000',
      USAGE_USER_MONTHLY_TOOL_CALLS: '500',
      MEMORY_TURNS: '0',
    });
    expect(config.usage.limits).toMatchObject({ 'tenant.day.tokens': 100_000, 'user.month.toolCalls': 500 });
    expect(config.memory.turns).toBe(0);
  });

  it('never puts a model key in the log summary', () => {
    const text = JSON.stringify(
      describeConfig(
        load({
          AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com',
          AZURE_OPENAI_DEPLOYMENT: 'd',
          AZURE_OPENAI_API_KEY: AZURE_KEY,
        }),
      ),
    );
    expect(text).not.toContain(AZURE_KEY);
    expect(text).toContain('deployment d (key)');
    expect(JSON.stringify(describeConfig(load({ OPENAI_API_KEY: OPENAI_KEY })))).not.toContain(OPENAI_KEY);
  });
});

describe('retention', () => {
  it('keeps the text of answers and feedback for the days set, 0 meaning never stored', () => {
    expect(load({ RETENTION_ANSWER_DAYS: '30', RETENTION_FEEDBACK_DAYS: '365' }).retention).toEqual({
      answerDays: 30,
      feedbackDays: 365,
    });
    expect(load({ RETENTION_ANSWER_DAYS: '0', RETENTION_FEEDBACK_DAYS: '0' }).retention).toEqual({
      answerDays: 0,
      feedbackDays: 0,
    });
  });

  it.each([
    ['RETENTION_ANSWER_DAYS', '-1'],
    ['RETENTION_ANSWER_DAYS', '1.5'],
    ['RETENTION_FEEDBACK_DAYS', 'forever'],
    ['RETENTION_FEEDBACK_DAYS', '3651'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(refusal({ [name]: value }).message).toContain(name);
  });

  it('refuses a conversation memory that would keep questions longer than answers', () => {
    const message = refusal({ RETENTION_ANSWER_DAYS: '1', MEMORY_HOURS: '48' }).message;
    expect(message).toContain('MEMORY_HOURS=48');
    expect(message).toContain('at most 24');
    expect(load({ RETENTION_ANSWER_DAYS: '1', MEMORY_HOURS: '24' }).memory.maxAgeMs).toBe(86_400_000);
    // Memory off, or answers' text not kept at all (memory then keeps no words either): nothing to compare.
    expect(load({ RETENTION_ANSWER_DAYS: '1', MEMORY_HOURS: '48', MEMORY_TURNS: '0' }).memory.turns).toBe(0);
    expect(load({ RETENTION_ANSWER_DAYS: '0', MEMORY_HOURS: '48' }).retention.answerDays).toBe(0);
  });
});

describe('Sentinel workspace', () => {
  const WORKSPACE = 'B1D2E3F4-0000-4000-8000-00000000CAFE';

  it('LOG_ANALYTICS_WORKSPACE_ID selects the workspace on the public endpoint', () => {
    expect(load({ LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE }).sentinel).toEqual({
      workspaceId: WORKSPACE.toLowerCase(),
      baseUrl: 'https://api.loganalytics.io',
    });
  });

  it('refuses a workspace name, an endpoint without a workspace, and http off loopback', () => {
    expect(refusal({ LOG_ANALYTICS_WORKSPACE_ID: 'contoso-sentinel' }).message).toContain(
      'LOG_ANALYTICS_WORKSPACE_ID',
    );
    expect(refusal({ LOG_ANALYTICS_BASE_URL: 'https://api.loganalytics.us' }).message).toContain(
      'LOG_ANALYTICS_WORKSPACE_ID is empty',
    );
    expect(
      refusal({ LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE, LOG_ANALYTICS_BASE_URL: 'http://logs.internal' })
        .message,
    ).toContain('http is allowed only on loopback');
  });
});

describe('describeConfig', () => {
  it('summarises the embedded demo', () => {
    expect(describeConfig(load({}))).toEqual({
      env: 'development',
      listen: '127.0.0.1:3978',
      botAuth: 'none (local only)',
      storage: `pglite ${path.join(CWD, 'data')}`,
      tenant: 'demo tenant (embedded)',
      ticketing: 'ServiceNow (demo tenant)',
      threatIntel: 'VirusTotal-, NVD- and EPSS-shaped sources (demo tenant)',
      playground: true,
      retention: 'text of answers kept 90 days, of feedback comments kept 90 days',
      model: 'none (rules planner)',
    });
    expect(describeConfig(load({ RETENTION_ANSWER_DAYS: '0', RETENTION_FEEDBACK_DAYS: '1' })).retention).toBe(
      'text of answers not stored, of feedback comments kept 1 day',
    );
  });

  it('never contains the bot password, the client secret or a database password', () => {
    const config = load({
      ...singleTenantBot,
      TENANT_MODE: 'live',
      AZURE_TENANT_ID: 'tenant',
      AZURE_CLIENT_ID: 'client',
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      DATABASE_URL: 'postgres://ward:db-pass-9f8e@db.internal:5432/ward?sslmode=require',
    });
    const summary = describeConfig(config);
    const text = JSON.stringify(summary);
    expect(text).not.toContain(BOT_PASSWORD);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain('db-pass-9f8e');
    expect(summary).toMatchObject({
      botAuth: `SingleTenant app ${BOT_ID}`,
      storage: 'postgres postgres://ward:***@db.internal:5432/ward?sslmode=require',
      tenant: 'live https://graph.microsoft.com (clientSecret)',
      playground: false,
    });
  });

  it('hides a database password given in the query string', () => {
    const text = JSON.stringify(
      describeConfig(
        load({ DATABASE_URL: 'postgres://ward@db.internal/ward?password=qs-pass-1&sslpassword=qs-pass-2' }),
      ),
    );
    expect(text).not.toContain('qs-pass-1');
    expect(text).not.toContain('qs-pass-2');
    expect(text).toContain('db.internal');
  });

  it('does not echo a DATABASE_URL it cannot parse', () => {
    const summary = describeConfig(load({ DATABASE_URL: 'postgres://ward:secret-in-garbage@[db' }));
    expect(JSON.stringify(summary)).not.toContain('secret-in-garbage');
  });
});

describe('threat-intelligence settings', () => {
  const live = {
    TENANT_MODE: 'live',
    AZURE_TENANT_ID: 'tenant',
    AZURE_CLIENT_ID: 'client',
    AZURE_CLIENT_SECRET: 'secret-value',
  };

  it('has no sources unless configured', () => {
    expect(load(live).threatIntel).toEqual({ reputation: undefined, vulnerabilities: undefined });
  });

  it('uses VirusTotal with a key, and NVD and FIRST EPSS with CVE_INTEL=public', () => {
    expect(
      load({ ...live, THREAT_INTEL_API_KEY: 'vt-key-0123456789', CVE_INTEL: 'public' }).threatIntel,
    ).toEqual({
      reputation: { baseUrl: 'https://www.virustotal.com', apiKey: 'vt-key-0123456789' },
      vulnerabilities: {
        nvdUrl: 'https://services.nvd.nist.gov',
        nvdApiKey: undefined,
        epssUrl: 'https://api.first.org',
      },
    });
  });

  it.each([
    [
      { THREAT_INTEL_URL: 'https://vt.example.com' },
      /THREAT_INTEL_URL is set but THREAT_INTEL_API_KEY is empty/,
    ],
    [
      { THREAT_INTEL_API_KEY: 'vt-key-0123456789', THREAT_INTEL_URL: 'http://vt.example.com' },
      /THREAT_INTEL_URL must use https/,
    ],
    [
      { THREAT_INTEL_API_KEY: 'vt key with spaces' },
      /THREAT_INTEL_API_KEY must be 8 to 256 printable characters without spaces \(the value is not shown\)/,
    ],
    [{ NVD_API_KEY: 'nvd-key-0123456789' }, /NVD_URL, NVD_API_KEY and EPSS_URL need CVE_INTEL=public/],
    [
      { CVE_INTEL: 'public', EPSS_URL: 'https://user:pw@first.example' },
      /EPSS_URL must not contain a user name or password/,
    ],
  ])('refuses %j', (environment, message) => {
    expect(() => load({ ...live, ...environment })).toThrow(message);
  });

  it('never shows a key', () => {
    const config = load({
      ...live,
      THREAT_INTEL_API_KEY: 'vt-key-0123456789',
      CVE_INTEL: 'public',
      NVD_API_KEY: 'nvd-key-0123456789',
    });
    const described = JSON.stringify(describeConfig(config));
    expect(described).toContain('reputation https://www.virustotal.com (key set)');
    expect(described).not.toContain('vt-key-0123456789');
    expect(described).not.toContain('nvd-key-0123456789');
  });
});
