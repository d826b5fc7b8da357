/**
 * The applications people in the demo tenant sign in to, with Microsoft's real first-party application ids
 * (as they appear in every Entra sign-in log) and the resource each one asks a token for. The three SaaS
 * apps are the tenant's own enterprise applications, so their ids are the tenant's (fixed here).
 * Data only; never used outside the demo tenant.
 */

/** An app and the resource its sign-ins are for. */
export interface SignInApplication {
  appId: string;
  appDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  /** `Browser` or `Mobile Apps and Desktop clients` (or a legacy protocol). */
  clientAppUsed: string;
  /** Relative frequency among ordinary sign-ins. */
  weight: number;
  /** Only people in these departments use it (admin tools); everyone when absent. */
  departments?: readonly string[];
}

const GRAPH = { resourceId: '00000003-0000-0000-c000-000000000000', resourceDisplayName: 'Microsoft Graph' };
const EXCHANGE = {
  resourceId: '00000002-0000-0ff1-ce00-000000000000',
  resourceDisplayName: 'Office 365 Exchange Online',
};
const SHAREPOINT = {
  resourceId: '00000003-0000-0ff1-ce00-000000000000',
  resourceDisplayName: 'Office 365 SharePoint Online',
};
const TEAMS_SERVICES = {
  resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  resourceDisplayName: 'Microsoft Teams Services',
};
const AZURE_MANAGEMENT = {
  resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  resourceDisplayName: 'Windows Azure Service Management API',
};
const BROWSER = 'Browser';
const MODERN = 'Mobile Apps and Desktop clients';

export const APPLICATIONS = {
  teams: {
    appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    appDisplayName: 'Microsoft Teams',
    ...TEAMS_SERVICES,
    clientAppUsed: MODERN,
    weight: 26,
  },
  office: {
    appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    appDisplayName: 'Microsoft Office',
    ...EXCHANGE,
    clientAppUsed: MODERN,
    weight: 14,
  },
  officeHome: {
    appId: '4765445b-32c6-49b0-83e6-1d93765276ca',
    appDisplayName: 'OfficeHome',
    ...GRAPH,
    clientAppUsed: BROWSER,
    weight: 12,
  },
  outlookWeb: {
    appId: '9199bf20-a13f-4107-85dc-02114787ef48',
    appDisplayName: 'One Outlook Web',
    ...EXCHANGE,
    clientAppUsed: BROWSER,
    weight: 9,
  },
  outlookMobile: {
    appId: '27922004-5251-4030-b22d-91ecd9a37ea4',
    appDisplayName: 'Outlook Mobile',
    ...EXCHANGE,
    clientAppUsed: MODERN,
    weight: 8,
  },
  teamsWeb: {
    appId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    appDisplayName: 'Microsoft Teams Web Client',
    ...TEAMS_SERVICES,
    clientAppUsed: BROWSER,
    weight: 4,
  },
  sharePoint: {
    appId: '00000003-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 SharePoint Online',
    ...SHAREPOINT,
    clientAppUsed: BROWSER,
    weight: 6,
  },
  oneDriveSync: {
    appId: 'ab9b8c07-8f02-4f72-87fa-80105867a763',
    appDisplayName: 'OneDrive SyncEngine',
    ...SHAREPOINT,
    clientAppUsed: MODERN,
    weight: 5,
  },
  broker: {
    appId: '29d9ed98-a469-4536-ade2-f981bc1d605e',
    appDisplayName: 'Microsoft Authentication Broker',
    resourceId: '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9',
    resourceDisplayName: 'Device Registration Service',
    clientAppUsed: MODERN,
    weight: 3,
  },
  windowsSignIn: {
    appId: '38aa3b87-a06d-4817-b275-7a316988d93b',
    appDisplayName: 'Windows Sign In',
    resourceId: '00000002-0000-0000-c000-000000000000',
    resourceDisplayName: 'Windows Azure Active Directory',
    clientAppUsed: MODERN,
    weight: 6,
  },
  companyPortal: {
    appId: '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223',
    appDisplayName: 'Microsoft Intune Company Portal',
    resourceId: '0000000a-0000-0000-c000-000000000000',
    resourceDisplayName: 'Microsoft Intune',
    clientAppUsed: MODERN,
    weight: 1,
  },
  azurePortal: {
    appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
    appDisplayName: 'Azure Portal',
    ...AZURE_MANAGEMENT,
    clientAppUsed: BROWSER,
    weight: 6,
    departments: ['IT', 'Engineering', 'Security Operations'],
  },
  azureCli: {
    appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    appDisplayName: 'Microsoft Azure CLI',
    ...AZURE_MANAGEMENT,
    clientAppUsed: MODERN,
    weight: 3,
    departments: ['IT', 'Engineering'],
  },
  azurePowerShell: {
    appId: '1950a258-227b-4e31-a9cf-717495945fc2',
    appDisplayName: 'Microsoft Azure PowerShell',
    ...AZURE_MANAGEMENT,
    clientAppUsed: MODERN,
    weight: 2,
    departments: ['IT', 'Security Operations'],
  },
  serviceNow: {
    appId: '5c8a1d2e-3f4b-4a6c-9d7e-8f9a0b1c2d3e',
    appDisplayName: 'ServiceNow',
    resourceId: '5c8a1d2e-3f4b-4a6c-9d7e-8f9a0b1c2d3e',
    resourceDisplayName: 'ServiceNow',
    clientAppUsed: BROWSER,
    weight: 3,
  },
  salesforce: {
    appId: '7d2e4f6a-8b1c-4d3e-a5f7-9b0c1d2e3f4a',
    appDisplayName: 'Salesforce',
    resourceId: '7d2e4f6a-8b1c-4d3e-a5f7-9b0c1d2e3f4a',
    resourceDisplayName: 'Salesforce',
    clientAppUsed: BROWSER,
    weight: 4,
    departments: ['Sales', 'Marketing', 'Customer Support'],
  },
  workday: {
    appId: '9e3f5a7b-0c2d-4e4f-b6a8-0c1d2e3f4a5b',
    appDisplayName: 'Workday',
    resourceId: '9e3f5a7b-0c2d-4e4f-b6a8-0c1d2e3f4a5b',
    resourceDisplayName: 'Workday',
    clientAppUsed: BROWSER,
    weight: 2,
  },
  /** Legacy authentication: blocked by Conditional Access when tried. */
  activeSync: {
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    ...EXCHANGE,
    clientAppUsed: 'Exchange ActiveSync',
    weight: 0,
  },
  imap: {
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    ...EXCHANGE,
    clientAppUsed: 'IMAP4',
    weight: 0,
  },
  /** What password-spray tools sign in as. */
  azureAdPowerShell: {
    appId: '1b730954-1685-4b74-9bfd-dac224a7b894',
    appDisplayName: 'Azure Active Directory PowerShell',
    ...GRAPH,
    clientAppUsed: MODERN,
    weight: 0,
  },
} as const satisfies Record<string, SignInApplication>;

/** Apps ordinary sign-ins are drawn from, with their weights. */
export const EVERYDAY_APPLICATIONS: readonly SignInApplication[] = Object.values(APPLICATIONS).filter(
  (a) => a.weight > 0,
);

/** Legacy protocols (Conditional Access blocks them). */
export const LEGACY_CLIENT_APPS: ReadonlySet<string> = new Set([
  'Exchange ActiveSync',
  'IMAP4',
  'POP3',
  'Authenticated SMTP',
  'Other clients',
]);
