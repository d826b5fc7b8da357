/**
 * Serves the demo tenant's Conditional Access policies (`conditional-access.ts`, which sign-in logs already
 * follow) in the shape `/identity/conditionalAccess/policies` returns them, with the exclusions a posture
 * review looks at: every policy leaves out "Break Glass Accounts", and CA001 (require MFA) also leaves out
 * "CA Exclusion - MFA" (Lynne Robbins and a few others). Also the named locations: the offices (trusted)
 * and a list of embargoed countries.
 * It never changes how a sign-in is evaluated: the policies here describe the same rules in Graph's words.
 */
import type { DemoConditionalAccessPolicy, DemoNamedLocation } from '../state/conditional-access-objects.js';
import { CONDITIONAL_ACCESS_POLICIES, type ConditionalAccessPolicy } from './conditional-access.js';
import { OFFICES } from './places.js';
import { NAMED_GROUP_IDS } from './seed-groups.js';
import type { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

/** Fixed ids of the named locations. */
export const NAMED_LOCATION_IDS = {
  offices: '3e1d5c7b-9a2f-4e6d-8b0c-1a2b3c4d5e01',
  embargoed: '3e1d5c7b-9a2f-4e6d-8b0c-1a2b3c4d5e02',
} as const;

/** When CA005 was last changed (switched to report-only for the pilot), before `now()`. */
export const CA005_MODIFIED_AGO = 10 * TIME.DAY + 2 * TIME.HOUR;

const AZURE_MANAGEMENT_APP = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const GRANT_CONTROLS: Readonly<Record<string, string>> = {
  Mfa: 'mfa',
  Block: 'block',
  RequireCompliantDevice: 'compliantDevice',
};

function policy(
  source: ConditionalAccessPolicy,
  created: string,
  modified: string | null,
  state: string,
  overrides: {
    excludeGroups?: string[];
    includeUsers?: string[];
    includeGuests?: boolean;
    includeApplications?: string[];
    clientAppTypes?: string[];
    signInRiskLevels?: string[];
    deviceFilter?: { mode: string; rule: string };
    termsOfUse?: string[];
    signInFrequencyHours?: number;
  },
): DemoConditionalAccessPolicy {
  const builtInControls = source.grantControls.map((c) => GRANT_CONTROLS[c] ?? c);
  const hasGrant = builtInControls.length > 0 || (overrides.termsOfUse?.length ?? 0) > 0;
  return {
    id: source.id,
    templateId: null,
    displayName: source.displayName,
    createdDateTime: created,
    modifiedDateTime: modified,
    state,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: overrides.signInRiskLevels ?? [],
      servicePrincipalRiskLevels: [],
      clientAppTypes: overrides.clientAppTypes ?? ['all'],
      platforms: null,
      locations: null,
      devices: overrides.deviceFilter ? { deviceFilter: overrides.deviceFilter } : null,
      clientApplications: null,
      applications: {
        includeApplications: overrides.includeApplications ?? ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: overrides.includeUsers ?? ['All'],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [NAMED_GROUP_IDS.breakGlass, ...(overrides.excludeGroups ?? [])],
        includeRoles: [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: overrides.includeGuests
          ? {
              guestOrExternalUserTypes: 'b2bCollaborationGuest,b2bCollaborationMember',
              externalTenants: { membershipKind: 'all' },
            }
          : null,
        excludeGuestsOrExternalUsers: null,
      },
    },
    grantControls: hasGrant
      ? {
          operator: 'OR',
          builtInControls,
          customAuthenticationFactors: [],
          termsOfUse: overrides.termsOfUse ?? [],
          authenticationStrength: null,
        }
      : null,
    sessionControls:
      overrides.signInFrequencyHours === undefined
        ? null
        : {
            applicationEnforcedRestrictions: null,
            cloudAppSecurity: null,
            persistentBrowser: null,
            disableResilienceDefaults: null,
            signInFrequency: {
              value: overrides.signInFrequencyHours,
              type: 'hours',
              authenticationType: 'primaryAndSecondaryAuthentication',
              frequencyInterval: 'timeBased',
              isEnabled: true,
            },
          },
  };
}

/** The six policies in Graph's shape, CA001 first. */
export function seedConditionalAccessPolicies(
  random: SeededRandom,
  anchorMs: number,
): DemoConditionalAccessPolicy[] {
  const p = CONDITIONAL_ACCESS_POLICIES;
  const at = (agoMs: number) => new Date(anchorMs - agoMs).toISOString();
  const createdAgo = () => random.int(420, 1100) * TIME.DAY + random.int(0, 23) * TIME.HOUR;
  const modifiedAgo = () => random.int(40, 400) * TIME.DAY + random.int(0, 23) * TIME.HOUR;
  return [
    policy(p.requireMfa, at(createdAgo()), at(modifiedAgo()), 'enabled', {
      excludeGroups: [NAMED_GROUP_IDS.mfaExclusions],
    }),
    policy(p.blockLegacy, at(createdAgo()), at(modifiedAgo()), 'enabled', {
      clientAppTypes: ['exchangeActiveSync', 'other'],
    }),
    policy(p.compliantDeviceForAzure, at(createdAgo()), at(modifiedAgo()), 'enabled', {
      includeApplications: [AZURE_MANAGEMENT_APP],
    }),
    policy(p.riskySignInMfa, at(createdAgo()), at(modifiedAgo()), 'enabled', {
      signInRiskLevels: ['high', 'medium'],
    }),
    policy(
      p.unmanagedSignInFrequency,
      at(createdAgo()),
      at(CA005_MODIFIED_AGO),
      'enabledForReportingButNotEnforced',
      {
        deviceFilter: {
          mode: 'include',
          rule: 'device.isCompliant -ne True -and device.trustType -ne "AzureAD"',
        },
        signInFrequencyHours: 8,
      },
    ),
    policy(p.guestTermsOfUse, at(createdAgo()), null, 'disabled', {
      includeUsers: [],
      includeGuests: true,
      termsOfUse: [random.guid()],
    }),
  ];
}

/** The offices' egress addresses (trusted) and the embargoed countries. */
export function seedNamedLocations(random: SeededRandom, anchorMs: number): DemoNamedLocation[] {
  const at = (agoMs: number) => new Date(anchorMs - agoMs).toISOString();
  const officesCreated = random.int(900, 1300) * TIME.DAY;
  const embargoCreated = random.int(300, 800) * TIME.DAY;
  return [
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: NAMED_LOCATION_IDS.offices,
      displayName: 'Contoso offices (corporate egress)',
      createdDateTime: at(officesCreated),
      modifiedDateTime: at(officesCreated - random.int(30, 600) * TIME.DAY),
      isTrusted: true,
      ipRanges: OFFICES.flatMap((office) =>
        office.egressIps.map((ip) => ({
          '@odata.type': '#microsoft.graph.iPv4CidrRange' as const,
          cidrAddress: `${ip}/32`,
        })),
      ),
    },
    {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: NAMED_LOCATION_IDS.embargoed,
      displayName: 'Embargoed countries',
      createdDateTime: at(embargoCreated),
      modifiedDateTime: at(embargoCreated),
      countriesAndRegions: ['CU', 'IR', 'KP', 'SY'],
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: 'clientIpAddress',
    },
  ];
}
