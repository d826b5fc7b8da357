/**
 * Seeds the tenant's groups: the SOC's own ("SOC Responders": the four Security Operations staff; "SOC
 * Approvers": Patti and Johanna), "Break Glass Accounts" (the two emergency-access accounts every Conditional
 * Access policy excludes), "CA Exclusion - MFA" (people the MFA policy leaves out, Lynne Robbins among them),
 * "IT Service Desk", "Azure Administrators", a dynamic "All Employees" group and a Microsoft 365 group per
 * department. Named groups have fixed ids so Conditional Access and Ward's settings can refer to them.
 * It never changes who exists: it only groups people the directory seed made.
 */
import type { DemoUser } from '../demo-tenant-state.js';
import type { DemoGraphGroup, DemoGroup } from '../state/directory-objects.js';
import { objectSid } from './object-sid.js';
import { DEMO_DOMAIN, SOC_TEAM } from './people.js';
import type { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

/** Fixed ids of the groups other parts of the tenant (and Ward) refer to. */
export const NAMED_GROUP_IDS = {
  socResponders: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c01',
  socApprovers: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c02',
  breakGlass: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c03',
  mfaExclusions: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c04',
  itServiceDesk: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c05',
  azureAdministrators: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c06',
  allEmployees: '0b7e4c1a-2d3f-4a5b-8c6d-7e8f9a0b1c07',
} as const;

interface GroupDraft {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  kind: 'security' | 'microsoft365';
  createdDaysAgo: number;
  isAssignableToRole?: boolean;
  membershipRule?: string;
  visibility?: 'Public' | 'Private';
}

function toGroup(draft: GroupDraft, anchorMs: number): DemoGraphGroup {
  const created = new Date(anchorMs - draft.createdDaysAgo * TIME.DAY).toISOString();
  const unified = draft.kind === 'microsoft365';
  const mail = unified ? `${draft.mailNickname}@${DEMO_DOMAIN}` : null;
  return {
    id: draft.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: created,
    creationOptions: unified ? ['Team', 'ExchangeProvisioningFlags:481'] : [],
    description: draft.description,
    displayName: draft.displayName,
    expirationDateTime: null,
    groupTypes: [...(unified ? ['Unified'] : []), ...(draft.membershipRule ? ['DynamicMembership'] : [])],
    isAssignableToRole: draft.isAssignableToRole ?? null,
    mail,
    mailEnabled: unified,
    mailNickname: draft.mailNickname,
    membershipRule: draft.membershipRule ?? null,
    membershipRuleProcessingState: draft.membershipRule ? 'On' : null,
    onPremisesLastSyncDateTime: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: mail === null ? [] : [`SMTP:${mail}`],
    renewedDateTime: created,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: unified ? ['Team'] : [],
    securityEnabled: !unified,
    securityIdentifier: objectSid(draft.id),
    theme: null,
    visibility: unified ? (draft.visibility ?? 'Private') : null,
  };
}

/** Every group with its direct members: the named ones first, then one Microsoft 365 group per department. */
export function seedGroups(
  people: readonly DemoUser[],
  breakGlass: readonly DemoUser[],
  random: SeededRandom,
  anchorMs: number,
): DemoGroup[] {
  const ids = (list: readonly DemoUser[]) => list.map((p) => p.user.id);
  const staff = people.filter((p) => p.user.userType === 'Member');
  const inIt = (titles: readonly string[]) =>
    staff.filter((p) => p.user.department === 'IT' && titles.includes(p.user.jobTitle ?? ''));
  const named: [GroupDraft, string[]][] = [
    [
      {
        id: NAMED_GROUP_IDS.socResponders,
        displayName: 'SOC Responders',
        description:
          'Security Operations staff who may run response actions (reset, revoke, disable, confirm).',
        mailNickname: 'soc-responders',
        kind: 'security',
        createdDaysAgo: 418,
      },
      [SOC_TEAM.patti.id, SOC_TEAM.isaiah.id, SOC_TEAM.johanna.id, SOC_TEAM.lee.id],
    ],
    [
      {
        id: NAMED_GROUP_IDS.socApprovers,
        displayName: 'SOC Approvers',
        description: 'Approves high-impact response actions (disabling accounts, confirming compromise).',
        mailNickname: 'soc-approvers',
        kind: 'security',
        createdDaysAgo: 418,
      },
      [SOC_TEAM.patti.id, SOC_TEAM.johanna.id],
    ],
    [
      {
        id: NAMED_GROUP_IDS.breakGlass,
        displayName: 'Break Glass Accounts',
        description:
          'Emergency-access accounts. Excluded from every Conditional Access policy. Do not add members.',
        mailNickname: 'break-glass-accounts',
        kind: 'security',
        createdDaysAgo: 912,
        isAssignableToRole: true,
      },
      ids(breakGlass),
    ],
    [
      {
        id: NAMED_GROUP_IDS.mfaExclusions,
        displayName: 'CA Exclusion - MFA',
        description: 'Temporarily excluded from CA001 (require MFA). Review monthly.',
        mailNickname: 'ca-exclusion-mfa',
        kind: 'security',
        createdDaysAgo: 640,
      },
      ids(staff.filter((p) => p.excludedFromMfaPolicy)),
    ],
    [
      {
        id: NAMED_GROUP_IDS.itServiceDesk,
        displayName: 'IT Service Desk',
        description: 'First-line support: password resets and device issues.',
        mailNickname: 'it-service-desk',
        kind: 'security',
        createdDaysAgo: 1200,
      },
      [SOC_TEAM.miriam.id, ...ids(inIt(['Help Desk Technician']))],
    ],
    [
      {
        id: NAMED_GROUP_IDS.azureAdministrators,
        displayName: 'Azure Administrators',
        description: 'Administers the Azure subscriptions. Requires a compliant device (CA003).',
        mailNickname: 'azure-administrators',
        kind: 'security',
        createdDaysAgo: 980,
      },
      ids(inIt(['Systems Administrator', 'Cloud Architect', 'IT Manager'])),
    ],
    [
      {
        id: NAMED_GROUP_IDS.allEmployees,
        displayName: 'All Employees',
        description: 'Every enabled member account (dynamic).',
        mailNickname: 'all-employees',
        kind: 'security',
        createdDaysAgo: 1400,
        membershipRule:
          '(user.userType -eq "Member") and (user.accountEnabled -eq true) and (user.employeeId -ne null)',
      },
      ids(staff.filter((p) => p.user.accountEnabled && p.user.employeeId !== null)),
    ],
  ];
  const departments = [
    ...new Set(staff.map((p) => p.user.department).filter((d): d is string => d !== null)),
  ];
  departments.sort();
  const groups: DemoGroup[] = named.map(([draft, memberIds]) => ({
    group: toGroup(draft, anchorMs),
    memberIds,
  }));
  for (const department of departments) {
    const nickname = department
      .toLowerCase()
      .replaceAll('&', 'and')
      .replaceAll(/[^a-z0-9]+/g, '-');
    const draft: GroupDraft = {
      id: random.guid(),
      displayName: `${department} Team`,
      description: `Everyone in ${department}: the team's mailbox, calendar and Teams channel.`,
      mailNickname: nickname,
      kind: 'microsoft365',
      createdDaysAgo: random.int(300, 1500),
      visibility: random.chance(0.5) ? 'Public' : 'Private',
    };
    groups.push({
      group: toGroup(draft, anchorMs),
      memberIds: ids(staff.filter((p) => p.user.department === department && p.user.accountEnabled)),
    });
  }
  return groups;
}
