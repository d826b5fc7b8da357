/**
 * The model client speaks to each kind of endpoint as it expects, chosen by settings only: Azure OpenAI's
 * deployment URL and api-version, with a key (`api-key`) or an Entra ID bearer token from a TokenCredential;
 * OpenAI-compatible base URLs with or without a key. Checked on the wire against a local scripted endpoint.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AZURE_OPENAI_SCOPE, createModelClient } from '../../../src/clients/model-client.js';
import type { ModelSettings } from '../../../src/config.js';
import {
  type ScriptedModelServer,
  say,
  startScriptedModelServer,
} from '../../support/scripted-model-server.js';

const budgets = {
  maxSteps: 4,
  maxTokens: 10_000,
  deadlineMs: 5_000,
  requestTimeoutMs: 5_000,
  maxRetries: 0,
  credential: { kind: 'managedIdentity' as const },
};

/** A credential that hands out a fixed token and remembers the scopes it was asked for. */
function testCredential(token: string) {
  const scopes: (string | string[])[] = [];
  const credential: TokenCredential = {
    async getToken(scope): Promise<AccessToken> {
      scopes.push(scope);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return { credential, scopes };
}

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer(() => say('pong'));
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

async function ping(settings: ModelSettings, credential?: TokenCredential) {
  const { client, model, describe: description } = createModelClient(settings, credential);
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'ping' }],
  });
  expect(completion.choices[0]?.message.content).toBe('pong');
  expect(server.requests).toHaveLength(1);
  return { request: server.requests[0]!, model, description };
}

describe('createModelClient', () => {
  it('calls an Azure OpenAI deployment with the api version and an Entra ID bearer token', async () => {
    const { credential, scopes } = testCredential('entra-token-123');
    const { request, model, description } = await ping(
      {
        provider: 'azure',
        endpoint: `${server.url}/`,
        deployment: 'ward-gpt-4o',
        apiVersion: '2024-10-21',
        ...budgets,
      },
      credential,
    );
    expect(request.path).toBe('/openai/deployments/ward-gpt-4o/chat/completions');
    expect(request.deployment).toBe('ward-gpt-4o');
    expect(request.query).toEqual({ 'api-version': '2024-10-21' });
    expect(request.headers.authorization).toBe('Bearer entra-token-123');
    expect(request.headers['api-key']).toBeUndefined();
    expect(scopes.flat()).toEqual([AZURE_OPENAI_SCOPE]);
    expect(model).toBe('ward-gpt-4o');
    expect(description).toBe(`Azure OpenAI ${server.url} deployment ward-gpt-4o (Entra ID)`);
  });

  it('sends an Azure OpenAI key as api-key, with no bearer token', async () => {
    const { credential, scopes } = testCredential('unused');
    const { request, description } = await ping(
      {
        provider: 'azure',
        endpoint: server.url,
        deployment: 'gpt4o-mini',
        apiVersion: '2025-01-01-preview',
        apiKey: 'azure-key-456',
        ...budgets,
      },
      credential,
    );
    expect(request.url).toBe(
      '/openai/deployments/gpt4o-mini/chat/completions?api-version=2025-01-01-preview',
    );
    expect(request.headers['api-key']).toBe('azure-key-456');
    expect(request.headers.authorization).toBeUndefined();
    expect(scopes).toEqual([]);
    expect(description).not.toContain('azure-key-456');
  });

  it('calls an OpenAI-compatible base URL that needs no key, with the configured model', async () => {
    const { request, model, description } = await ping({
      provider: 'openai',
      baseUrl: `${server.url}/v1/`,
      model: 'llama-3.1-8b',
      ...budgets,
    });
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.body.model).toBe('llama-3.1-8b');
    expect(model).toBe('llama-3.1-8b');
    expect(description).toBe(`${server.url}/v1 model llama-3.1-8b`);
  });

  it('sends an OpenAI key as a bearer token and never puts it in the description', async () => {
    const { request, description } = await ping({
      provider: 'openai',
      apiKey: 'sk-test-789',
      baseUrl: `${server.url}/v1`,
      model: 'gpt-4o',
      ...budgets,
    });
    expect(request.headers.authorization).toBe('Bearer sk-test-789');
    expect(description).not.toContain('sk-test-789');
  });

  it('uses the retries and the per-request timeout from the settings', () => {
    const { client } = createModelClient({
      provider: 'openai',
      model: 'gpt-4o',
      ...budgets,
      maxRetries: 3,
      requestTimeoutMs: 1234,
    });
    expect(client.maxRetries).toBe(3);
    expect(client.timeout).toBe(1234);
    expect(client.baseURL).toBe('https://api.openai.com/v1');
  });
});
