// Azure resources for Ward's "dev" environment (teamsapp.yml, arm/deploy): a user-assigned managed identity,
// a Linux App Service that runs Ward under that identity, and an Azure Bot (with its Teams channel) that signs
// in as the same identity, so no bot password exists anywhere. Minimal on purpose: storage (PostgreSQL),
// Key Vault, private networking, scaling and alerts are production hardening, not done here.

@maxLength(20)
@minLength(4)
@description('Prefix for every resource name; the toolkit fills it from RESOURCE_SUFFIX.')
param resourceBaseName string

@description('App Service plan SKU. B1 is the smallest that keeps Ward always on.')
param webAppSku string = 'B1'

@maxLength(42)
@description('Name Teams shows for the bot registration.')
param botDisplayName string = 'Ward'

@allowed([
  'demo'
  'live'
])
@description('demo: Ward answers from its built-in demo tenant (safe to try). live: Microsoft Graph, after an admin grants the identity its Graph permissions.')
param tenantMode string = 'demo'

@description('Azure OpenAI resource endpoint (https://<name>.openai.azure.com) Ward plans with; empty = the deterministic rules planner. Ward calls it as the managed identity: grant it the Cognitive Services OpenAI User role on the resource.')
param azureOpenAiEndpoint string = ''

@description('The Azure OpenAI model deployment name (required with azureOpenAiEndpoint).')
param azureOpenAiDeployment string = ''

@description('Region for the identity and App Service (the bot itself is global).')
param location string = resourceGroup().location

param identityName string = resourceBaseName
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param botServiceName string = resourceBaseName

// The identity the bot signs in as (Bot Framework) and that Ward will use for Microsoft Graph in live mode.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: serverfarmsName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'NODE_ENV', value: 'production' }
        // Bot Framework auth as the managed identity (src/config.ts: BOT_*).
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        // live mode calls Graph as this identity; it needs application permissions granted by an admin first.
        { name: 'TENANT_MODE', value: tenantMode }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        // PGlite under /home (persistent on App Service). One instance only: set DATABASE_URL to scale out.
        { name: 'DATA_DIR', value: '/home/data/ward' }
        // The model, keyless: Entra ID tokens for this identity (src/config.ts: AZURE_OPENAI_*).
        { name: 'AZURE_OPENAI_ENDPOINT', value: azureOpenAiEndpoint }
        { name: 'AZURE_OPENAI_DEPLOYMENT', value: azureOpenAiDeployment }
      ]
    }
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// The toolkit writes these outputs to env/.env.dev (names must match what teamsapp.yml and manifest.json use).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
