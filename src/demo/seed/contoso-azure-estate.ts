/**
 * Contoso's Azure estate in the demo tenant: one subscription, "Contoso Production", its resource groups and
 * the resources Defender for Cloud assesses (VMs, storage accounts, SQL, AKS, key vaults, App Service), and
 * the Log Analytics workspace Microsoft Sentinel runs on. Ids and tags are fixed, not drawn from the seed, so
 * docs, tests and later slices can name them: each resource group's team owns its resources (an `owner` tag
 * with the owner's email, as Defender for Cloud governance rules read it), except two resources nobody tagged.
 * Data only; never used outside the demo tenant.
 */
import type { DemoAzureResource } from '../arm/defender-for-cloud-state.js';

/** The subscription id of "Contoso Production". */
export const DEMO_SUBSCRIPTION_ID = '3c1d7e52-8a4f-4b6e-9d21-5f0a6b7c8d94';
export const DEMO_SUBSCRIPTION_NAME = 'Contoso Production';

/** The Sentinel workspace: its workspace (customer) id and ARM id. */
export const DEMO_WORKSPACE = {
  workspaceId: 'e7a4c2d1-3b5f-4a69-8c0e-2d4f6a8b1c35',
  name: 'law-contoso-sentinel',
  resourceGroup: 'rg-security-prod',
  resourceId: `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/rg-security-prod/providers/Microsoft.OperationalInsights/workspaces/law-contoso-sentinel`,
} as const;

/** Who owns each resource group's resources (their `owner` tag). */
export const RESOURCE_GROUP_OWNERS: Readonly<Record<string, string>> = {
  'rg-web-prod': 'nestor.wilke@contoso.com',
  'rg-app-prod': 'nestor.wilke@contoso.com',
  'rg-aks-prod': 'nestor.wilke@contoso.com',
  'rg-data-prod': 'johanna.lorenz@contoso.com',
  'rg-security-prod': 'johanna.lorenz@contoso.com',
  'rg-shared-prod': 'miriam.graham@contoso.com',
};

function resource(
  resourceGroup: string,
  type: string,
  name: string,
  location: string,
  facts: { internetExposed?: boolean; sensitiveData?: boolean; untagged?: boolean } = {},
): DemoAzureResource {
  const owner = RESOURCE_GROUP_OWNERS[resourceGroup];
  return {
    id: `/subscriptions/${DEMO_SUBSCRIPTION_ID}/resourceGroups/${resourceGroup}/providers/${type}/${name}`,
    name,
    type,
    resourceGroup,
    location,
    internetExposed: facts.internetExposed ?? false,
    sensitiveData: facts.sensitiveData ?? false,
    tags: {
      environment: 'production',
      ...(owner !== undefined && facts.untagged !== true ? { owner } : {}),
    },
  };
}

const VM = 'Microsoft.Compute/virtualMachines';
const STORAGE = 'Microsoft.Storage/storageAccounts';
const SQL = 'Microsoft.Sql/servers';
const AKS = 'Microsoft.ContainerService/managedClusters';
const KEY_VAULT = 'Microsoft.KeyVault/vaults';
const WEB = 'Microsoft.Web/sites';

/** Resource types, as ARM spells them. */
export const RESOURCE_TYPES = { VM, STORAGE, SQL, AKS, KEY_VAULT, WEB } as const;

/** The resources of the story: the exposed VM and the storage account its attack path reaches. */
export const STORY_RESOURCES = {
  webProd01: resource('rg-web-prod', VM, 'web-prod-01', 'eastus', { internetExposed: true }),
  customerData: resource('rg-data-prod', STORAGE, 'stcontosocustdata', 'eastus', { sensitiveData: true }),
  aks: resource('rg-aks-prod', AKS, 'aks-contoso-prod', 'eastus', { internetExposed: true }),
  keyVault: resource('rg-security-prod', KEY_VAULT, 'kv-contoso-prod', 'eastus'),
} as const;

/** Every resource in the subscription that Defender for Cloud assesses. */
export const AZURE_RESOURCES: readonly DemoAzureResource[] = [
  STORY_RESOURCES.webProd01,
  resource('rg-web-prod', VM, 'web-prod-02', 'eastus', { internetExposed: true }),
  resource('rg-app-prod', VM, 'app-prod-01', 'eastus'),
  resource('rg-app-prod', VM, 'app-prod-02', 'eastus'),
  resource('rg-shared-prod', VM, 'jump-prod-01', 'eastus', { internetExposed: true }),
  resource('rg-shared-prod', VM, 'dc-prod-01', 'eastus'),
  resource('rg-data-prod', VM, 'sqlvm-prod-01', 'eastus'),
  resource('rg-shared-prod', VM, 'build-agent-01', 'westus2', { untagged: true }),
  STORY_RESOURCES.customerData,
  resource('rg-data-prod', STORAGE, 'stcontosobackup', 'westus2', { sensitiveData: true }),
  resource('rg-shared-prod', STORAGE, 'stcontosologs', 'eastus'),
  resource('rg-web-prod', STORAGE, 'stcontosoweb', 'eastus', { internetExposed: true }),
  resource('rg-data-prod', SQL, 'sql-contoso-crm', 'eastus', { sensitiveData: true }),
  resource('rg-data-prod', SQL, 'sql-contoso-reporting', 'westus2'),
  STORY_RESOURCES.aks,
  resource('rg-aks-prod', AKS, 'aks-contoso-batch', 'westus2', { untagged: true }),
  STORY_RESOURCES.keyVault,
  resource('rg-web-prod', KEY_VAULT, 'kv-contoso-web', 'eastus'),
  resource('rg-data-prod', KEY_VAULT, 'kv-contoso-data', 'eastus'),
  resource('rg-web-prod', WEB, 'app-contoso-portal', 'eastus', { internetExposed: true }),
  resource('rg-web-prod', WEB, 'app-contoso-api', 'eastus', { internetExposed: true }),
  resource('rg-app-prod', WEB, 'func-contoso-orders', 'eastus'),
];
