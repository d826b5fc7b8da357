/**
 * The model endpoint client: OpenAI, Azure OpenAI (a key, or an Entra ID bearer token, e.g. from a managed
 * identity) or any OpenAI-compatible endpoint (a base URL, with or without a key), chosen by settings only.
 * Retries with backoff (honouring Retry-After on 429 and 5xx) and the per-request timeout are the `openai`
 * package's own. It never reads the environment (every option the package would read from it is given), and
 * `describe` never contains a key or a token.
 */
import { getBearerTokenProvider, type TokenCredential } from '@azure/identity';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ModelSettings } from '../config.js';
import { createAzureCredential } from './azure-credential.js';

/** The scope of Azure OpenAI (Azure AI services) bearer tokens. */
export const AZURE_OPENAI_SCOPE = 'https://cognitiveservices.azure.com/.default';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** A configured model endpoint. */
export interface ModelClient {
  client: OpenAI;
  /** The model name requests carry (the deployment name on Azure OpenAI). */
  model: string;
  /** Where the model runs, for logs and `describeConfig`: no secrets. */
  describe: string;
}

/**
 * Builds the client for the settings. On Azure OpenAI without a key, tokens come from `credential` (default:
 * the credential the settings describe) for the Cognitive Services scope, fetched and refreshed as requests
 * need them.
 */
export function createModelClient(settings: ModelSettings, credential?: TokenCredential): ModelClient {
  const common = {
    maxRetries: settings.maxRetries,
    timeout: settings.requestTimeoutMs,
    // Given explicitly: the package would otherwise read OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
    organization: null,
    project: null,
  };
  if (settings.provider === 'azure') {
    const endpoint = settings.endpoint.replace(/\/+$/, '');
    // `baseURL` rather than `endpoint`: the package would add OPENAI_BASE_URL from the environment to it.
    const base = {
      ...common,
      baseURL: `${endpoint}/openai`,
      deployment: settings.deployment,
      apiVersion: settings.apiVersion,
    };
    const client = settings.apiKey
      ? new AzureOpenAI({ ...base, apiKey: settings.apiKey })
      : new AzureOpenAI({
          ...base,
          azureADTokenProvider: getBearerTokenProvider(
            credential ?? createAzureCredential(settings.credential),
            AZURE_OPENAI_SCOPE,
          ),
        });
    return {
      client,
      model: settings.deployment,
      describe: `Azure OpenAI ${endpoint} deployment ${settings.deployment} (${settings.apiKey ? 'key' : 'Entra ID'})`,
    };
  }
  const baseURL = settings.baseUrl?.replace(/\/+$/, '') ?? OPENAI_BASE_URL;
  return {
    // A local OpenAI-compatible server needs no key, but the package refuses to start without one.
    client: new OpenAI({ ...common, apiKey: settings.apiKey ?? 'not-needed', baseURL }),
    model: settings.model,
    describe: `${settings.baseUrl ? baseURL : 'OpenAI'} model ${settings.model}`,
  };
}
