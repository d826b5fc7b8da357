/**
 * Seeds a month of the directory audit log: what the stories left behind (Lynne Robbins made eligible for
 * Global Administrator three weeks ago and activating it twelve days ago; Alex Wilber's self-service password
 * reset; the SOC dismissing two background users' risk; CA005 switched to report-only) and the ordinary
 * administration around it (user updates, group changes, helpdesk password resets, security info
 * registrations, disabled leavers, new hires).
 * It never changes what it records: the records describe the seeded state, they do not make it.
 */
import type { DemoRiskyUser, DemoUser } from '../demo-tenant-state.js';
import type { DemoConditionalAccessPolicy } from '../state/conditional-access-objects.js';
import type { DemoDirectoryAudit } from '../state/directory-audit.js';
import type { DemoGroup } from '../state/directory-objects.js';
import { PIM_APP } from './audit-initiators.js';
import {
  auditId,
  buildDirectoryAudit,
  type DirectoryAuditEvent,
  modifiedProperty,
  objectTarget,
  userTarget,
} from './build-directory-audit.js';
import { BUILT_IN_ROLES } from './built-in-roles.js';
import { CONDITIONAL_ACCESS_POLICIES } from './conditional-access.js';
import { SOC_TEAM, STORY_PEOPLE } from './people.js';
import { officeByKey } from './places.js';
import { CA005_MODIFIED_AGO } from './seed-conditional-access-policies.js';
import { ELIGIBILITY_CREATED_AGO } from './seed-role-management.js';
import type { SeededRandom } from './seeded-random.js';
import { STORY_TIMELINE, TIME } from './story-timeline.js';

/** How far back the audit log goes (Entra keeps 30 days). */
export const AUDIT_LOG_DAYS = 30;
/** Ordinary administration records the background adds. */
export const BACKGROUND_AUDIT_COUNT = 90;

/** When Lynne activated Global Administrator through PIM, and for how long. */
export const LYNNE_ACTIVATION = { ago: 12 * TIME.DAY + 5 * TIME.HOUR, hours: 8 } as const;

/** What the audit seed reads. */
export interface AuditSeedInput {
  people: readonly DemoUser[];
  itAdministrator: DemoUser;
  groups: readonly DemoGroup[];
  riskyUsers: readonly DemoRiskyUser[];
  policies: readonly DemoConditionalAccessPolicy[];
}

/** The audit log, newest first. */
export function seedDirectoryAudits(
  input: AuditSeedInput,
  random: SeededRandom,
  anchorMs: number,
): DemoDirectoryAudit[] {
  const byId = (id: string) => input.people.find((p) => p.user.id === id)!;
  const officeIp = (person: DemoUser) =>
    officeByKey(
      {
        Seattle: 'seattle',
        Redmond: 'redmond',
        'New York': 'new-york',
        Chicago: 'chicago',
        Toronto: 'toronto',
        London: 'london',
        Munich: 'munich',
      }[person.home.city] ?? 'seattle',
    ).egressIps[0]!;
  const admin = input.itAdministrator;
  const miriam = byId(SOC_TEAM.miriam.id);
  const lynne = byId(STORY_PEOPLE.lynne.id);
  const events: DirectoryAuditEvent[] = [];
  const ids = (prefix: string) => {
    const guid = random.guid();
    const suffix =
      prefix === 'Directory'
        ? `${random.hex(5).toUpperCase()}_${String(random.int(100_000_000, 999_999_999))}`
        : '';
    return { id: auditId(prefix, guid, suffix), correlationId: random.guid() };
  };
  const by = (person: DemoUser) => ({ user: person.user, ipAddress: officeIp(person) });
  const ga = BUILT_IN_ROLES.globalAdministrator;

  // Lynne Robbins: made eligible for Global Administrator, then activates it once.
  events.push({
    ...ids('PIM'),
    at: anchorMs - ELIGIBILITY_CREATED_AGO.lynneGlobalAdministrator,
    category: 'RoleManagement',
    activityDisplayName: 'Add eligible member to role in PIM completed (permanent)',
    loggedByService: 'PIM',
    operationType: 'Add',
    by: by(admin),
    targets: [objectTarget('Role', ga.templateId, ga.displayName), userTarget(lynne.user)],
    additionalDetails: [{ key: 'Justification', value: 'Needs to manage the retail Planner apps' }],
  });
  const activated = anchorMs - LYNNE_ACTIVATION.ago;
  events.push({
    ...ids('PIM'),
    at: activated,
    category: 'RoleManagement',
    activityDisplayName: 'Add member to role completed (PIM activation)',
    loggedByService: 'PIM',
    operationType: 'Add',
    by: by(lynne),
    targets: [objectTarget('Role', ga.templateId, ga.displayName), userTarget(lynne.user)],
    additionalDetails: [
      { key: 'Justification', value: 'planner setup' },
      { key: 'StartTime', value: new Date(activated).toISOString() },
      {
        key: 'ExpirationTime',
        value: new Date(activated + LYNNE_ACTIVATION.hours * TIME.HOUR).toISOString(),
      },
    ],
  });
  events.push({
    ...ids('PIM'),
    at: activated + LYNNE_ACTIVATION.hours * TIME.HOUR,
    category: 'RoleManagement',
    activityDisplayName: 'Remove member from role (PIM activation expired)',
    loggedByService: 'PIM',
    operationType: 'Unassign',
    by: { app: PIM_APP },
    targets: [objectTarget('Role', ga.templateId, ga.displayName), userTarget(lynne.user)],
  });

  // Alex Wilber's self-service reset after the leak.
  const alex = byId(STORY_PEOPLE.alex.id);
  events.push({
    ...ids('SSPR'),
    at: anchorMs - STORY_TIMELINE.alex.passwordReset,
    category: 'UserManagement',
    activityDisplayName: 'Reset password (self-service)',
    loggedByService: 'Self-service Password Management',
    operationType: 'Update',
    by: by(alex),
    targets: [userTarget(alex.user)],
    additionalDetails: [{ key: 'MethodsUsedForValidation', value: 'Mobile app notification' }],
  });

  // The SOC's own risk decisions and users' secure password changes in the background.
  for (const risky of input.riskyUsers) {
    const person = byId(risky.id);
    if (person === undefined || Object.values(STORY_PEOPLE).some((p) => p.id === risky.id)) continue;
    if (risky.riskState === 'dismissed') {
      events.push({
        ...ids('IdentityProtection'),
        at: Date.parse(risky.riskLastUpdatedDateTime),
        category: 'Other',
        activityDisplayName: 'DismissUser',
        loggedByService: 'Identity Protection',
        operationType: 'Update',
        by: by(byId(SOC_TEAM.isaiah.id)),
        targets: [userTarget(person.user)],
      });
    } else if (risky.riskState === 'remediated') {
      events.push({
        ...ids('SSPR'),
        at: Date.parse(risky.riskLastUpdatedDateTime),
        category: 'UserManagement',
        activityDisplayName: 'Change password (self-service)',
        loggedByService: 'Self-service Password Management',
        operationType: 'Update',
        by: by(person),
        targets: [userTarget(person.user)],
      });
    }
  }

  // CA005 switched to report-only for the pilot.
  const ca005 = input.policies.find((p) => p.id === CONDITIONAL_ACCESS_POLICIES.unmanagedSignInFrequency.id);
  if (ca005 !== undefined) {
    events.push({
      ...ids('ConditionalAccess'),
      at: anchorMs - CA005_MODIFIED_AGO,
      category: 'Policy',
      activityDisplayName: 'Update conditional access policy',
      loggedByService: 'Conditional Access',
      operationType: 'Update',
      by: by(byId(SOC_TEAM.johanna.id)),
      targets: [
        objectTarget('Policy', ca005.id, ca005.displayName, [
          modifiedProperty('ConditionalAccessPolicy', { state: 'enabled' }, { state: ca005.state }),
        ]),
      ],
    });
  }

  // Leavers disabled, new hires added.
  for (const person of input.people) {
    const createdAgo = anchorMs - Date.parse(person.user.createdDateTime);
    if (createdAgo < AUDIT_LOG_DAYS * TIME.DAY) {
      events.push({
        ...ids('Directory'),
        at: Date.parse(person.user.createdDateTime),
        category: 'UserManagement',
        activityDisplayName: 'Add user',
        loggedByService: 'Core Directory',
        operationType: 'Add',
        by: by(admin),
        targets: [userTarget(person.user)],
      });
    }
    if (!person.user.accountEnabled) {
      events.push({
        ...ids('Directory'),
        at: anchorMs - random.int(2, AUDIT_LOG_DAYS - 1) * TIME.DAY - random.int(0, 8) * TIME.HOUR,
        category: 'UserManagement',
        activityDisplayName: 'Disable account',
        loggedByService: 'Core Directory',
        operationType: 'Update',
        by: by(admin),
        targets: [userTarget(person.user, [modifiedProperty('AccountEnabled', [true], [false])])],
      });
    }
  }

  // Everyday administration.
  const staff = input.people.filter((p) => p.user.accountEnabled && p.user.department !== null);
  const departmentGroups = input.groups.filter((g) => g.group.groupTypes.includes('Unified'));
  for (let n = 0; n < BACKGROUND_AUDIT_COUNT; n++) {
    const subject = random.pick(staff);
    const at = anchorMs - random.int(30, AUDIT_LOG_DAYS * 24 * 60) * TIME.MINUTE;
    const kind = random.weighted([
      ['update', 4],
      ['group', 2],
      ['securityInfo', 3],
      ['helpdeskReset', 2],
    ] as const);
    if (kind === 'update') {
      events.push({
        ...ids('Directory'),
        at,
        category: 'UserManagement',
        activityDisplayName: 'Update user',
        loggedByService: 'Core Directory',
        operationType: 'Update',
        by: by(admin),
        targets: [
          userTarget(subject.user, [
            modifiedProperty(
              'PhysicalDeliveryOfficeName',
              [`${random.int(2, 40)}/${random.int(1000, 4999)}`],
              [subject.user.officeLocation],
            ),
            modifiedProperty('Included Updated Properties', undefined, 'PhysicalDeliveryOfficeName'),
          ]),
        ],
      });
    } else if (kind === 'group') {
      const group =
        departmentGroups.find((g) => g.group.displayName === `${subject.user.department} Team`) ??
        random.pick(departmentGroups);
      events.push({
        ...ids('Directory'),
        at,
        category: 'GroupManagement',
        activityDisplayName: 'Add member to group',
        loggedByService: 'Core Directory',
        operationType: 'Assign',
        by: by(admin),
        targets: [
          userTarget(subject.user),
          objectTarget(
            'Group',
            group.group.id,
            group.group.displayName,
            [modifiedProperty('Group.DisplayName', undefined, group.group.displayName)],
            'unifiedGroups',
          ),
        ],
      });
    } else if (kind === 'securityInfo') {
      events.push({
        ...ids('AuthenticationMethods'),
        at,
        category: 'UserManagement',
        activityDisplayName: 'User registered security info',
        loggedByService: 'Authentication Methods',
        operationType: 'Update',
        by: by(subject),
        targets: [userTarget(subject.user)],
        resultReason: 'User registered Authenticator App with Notification and Code',
      });
    } else {
      events.push({
        ...ids('Directory'),
        at,
        category: 'UserManagement',
        activityDisplayName: 'Reset password',
        loggedByService: 'Core Directory',
        operationType: 'Update',
        by: by(miriam),
        targets: [userTarget(subject.user)],
      });
    }
  }

  const oldest = anchorMs - AUDIT_LOG_DAYS * TIME.DAY;
  return events
    .filter((e) => e.at >= oldest && e.at < anchorMs)
    .map(buildDirectoryAudit)
    .sort((a, b) =>
      a.activityDateTime < b.activityDateTime ? 1 : a.activityDateTime > b.activityDateTime ? -1 : 0,
    );
}
