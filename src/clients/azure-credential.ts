/**
 * The Entra ID credential Ward authenticates to Azure with (the live tenant's APIs, Azure OpenAI without a
 * key): a client secret when one is configured, the managed identity otherwise. It only builds the credential;
 * it never requests a token at construction and never logs or returns the secret.
 */
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { ModelSettings } from '../config.js';

/** The Azure credential settings Ward reads (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`). */
export type AzureCredentialSettings = ModelSettings['credential'];

/**
 * A TokenCredential for the settings: `ClientSecretCredential` for an app registration with a secret,
 * `ManagedIdentityCredential` (system-assigned, or user-assigned when a client id is given) otherwise.
 */
export function createAzureCredential(settings: AzureCredentialSettings): TokenCredential {
  return settings.kind === 'clientSecret'
    ? new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret)
    : new ManagedIdentityCredential(settings.clientId ? { clientId: settings.clientId } : {});
}
