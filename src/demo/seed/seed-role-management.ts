/**
 * Seeds who holds which Entra role: the built-in role definitions, active assignments (the two break-glass
 * accounts and an IT manager are Global Administrators; Patti is Security Administrator, Isaiah Security
 * Operator, Lee Security Reader, Johanna Authentication Administrator, Miriam Helpdesk Administrator, Nestor
 * Global Reader, a systems administrator Intune Administrator), PIM eligibilities (Lynne Robbins for Global
 * Administrator, made eligible three weeks ago; Johanna for Conditional Access Administrator; Patti for
 * Privileged Authentication Administrator; the IT manager for Privileged Role Administrator), and the
 * directory roles those active assignments activate.
 * It never grants anything the directory does not already say: Lynne's eligibility comes from her record.
 */
import type { DemoUser } from '../demo-tenant-state.js';
import type {
  DemoDirectoryRole,
  DemoRoleAssignment,
  DemoRoleDefinition,
  DemoRoleEligibilitySchedule,
} from '../state/directory-objects.js';
import { BUILT_IN_ROLES, type BuiltInRole, builtInRoleByName } from './built-in-roles.js';
import { guidBytes } from './object-sid.js';
import { SOC_TEAM } from './people.js';
import type { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

/** When each named eligibility was created, before `now()`. */
export const ELIGIBILITY_CREATED_AGO = {
  /** Lynne Robbins (a Planner) made eligible for Global Administrator: recent, and a posture finding. */
  lynneGlobalAdministrator: 21 * TIME.DAY + 3 * TIME.HOUR,
} as const;

/** Everything role management holds. */
export interface SeededRoleManagement {
  roleDefinitions: DemoRoleDefinition[];
  roleAssignments: DemoRoleAssignment[];
  roleEligibilitySchedules: DemoRoleEligibilitySchedule[];
  directoryRoles: DemoDirectoryRole[];
  /** The background IT manager who holds Global Administrator (the audit seed names them as the admin). */
  itAdministrator: DemoUser;
}

/** Graph's id for a directory-wide assignment: the role's and the principal's GUID bytes, base64url, `-1`. */
export function roleAssignmentId(roleDefinitionId: string, principalId: string): string {
  return `${Buffer.concat([guidBytes(roleDefinitionId), guidBytes(principalId)]).toString('base64url')}-1`;
}

function definitionOf(role: BuiltInRole): DemoRoleDefinition {
  return {
    id: role.templateId,
    description: role.description,
    displayName: role.displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ['/'],
    templateId: role.templateId,
    version: '1',
    rolePermissions: [
      {
        allowedResourceActions: [...role.allowedResourceActions],
        condition: null,
        excludedResourceActions: [],
      },
    ],
  };
}

function firstWith(people: readonly DemoUser[], department: string, titles: readonly string[]): DemoUser {
  const found =
    titles.flatMap((title) =>
      people.filter(
        (p) => p.user.department === department && p.user.jobTitle === title && p.user.accountEnabled,
      ),
    )[0] ?? people.find((p) => p.user.department === department && p.user.accountEnabled);
  if (found === undefined) throw new Error(`seed inconsistency: nobody enabled in ${department}`);
  return found;
}

/** Role definitions, assignments, eligibilities and activated directory roles. */
export function seedRoleManagement(
  people: readonly DemoUser[],
  breakGlass: readonly DemoUser[],
  random: SeededRandom,
  anchorMs: number,
): SeededRoleManagement {
  const R = BUILT_IN_ROLES;
  const itAdministrator = firstWith(people, 'IT', ['IT Manager', 'Cloud Architect']);
  const systemsAdministrator = firstWith(
    people.filter((p) => p !== itAdministrator),
    'IT',
    ['Systems Administrator', 'Network Engineer'],
  );
  const active: [BuiltInRole, string][] = [
    ...breakGlass.map((p): [BuiltInRole, string] => [R.globalAdministrator, p.user.id]),
    [R.globalAdministrator, itAdministrator.user.id],
    [R.securityAdministrator, SOC_TEAM.patti.id],
    [R.securityOperator, SOC_TEAM.isaiah.id],
    [R.securityReader, SOC_TEAM.lee.id],
    [R.authenticationAdministrator, SOC_TEAM.johanna.id],
    [R.helpdeskAdministrator, SOC_TEAM.miriam.id],
    [R.globalReader, SOC_TEAM.nestor.id],
    [R.intuneAdministrator, systemsAdministrator.user.id],
  ];
  const roleAssignments = active.map(([role, principalId]) => ({
    id: roleAssignmentId(role.templateId, principalId),
    principalId,
    roleDefinitionId: role.templateId,
    directoryScopeId: '/',
    appScopeId: null,
    condition: null,
  }));

  const eligible: [BuiltInRole, string, number][] = [
    ...people.flatMap((p) =>
      p.eligibleDirectoryRoles.map((name): [BuiltInRole, string, number] => [
        builtInRoleByName(name),
        p.user.id,
        ELIGIBILITY_CREATED_AGO.lynneGlobalAdministrator,
      ]),
    ),
    [R.conditionalAccessAdministrator, SOC_TEAM.johanna.id, random.int(200, 400) * TIME.DAY],
    [R.privilegedAuthenticationAdministrator, SOC_TEAM.patti.id, random.int(200, 400) * TIME.DAY],
    [R.privilegedRoleAdministrator, itAdministrator.user.id, random.int(400, 700) * TIME.DAY],
  ];
  const roleEligibilitySchedules = eligible.map(
    ([role, principalId, createdAgo]): DemoRoleEligibilitySchedule => {
      const created = new Date(anchorMs - createdAgo).toISOString();
      return {
        id: random.guid(),
        principalId,
        roleDefinitionId: role.templateId,
        directoryScopeId: '/',
        appScopeId: null,
        createdUsing: random.guid(),
        createdDateTime: created,
        modifiedDateTime: null,
        status: 'Provisioned',
        memberType: 'Direct',
        scheduleInfo: {
          startDateTime: created,
          recurrence: null,
          expiration: { type: 'noExpiration', endDateTime: null, duration: null },
        },
      };
    },
  );

  const directoryRoles: DemoDirectoryRole[] = [];
  for (const role of Object.values(R)) {
    const memberIds = active.filter(([r]) => r === role).map(([, id]) => id);
    if (memberIds.length === 0 && role !== R.globalAdministrator) continue;
    directoryRoles.push({
      role: {
        id: random.guid(),
        deletedDateTime: null,
        description: role.description,
        displayName: role.displayName,
        roleTemplateId: role.templateId,
      },
      memberIds,
    });
  }

  return {
    roleDefinitions: Object.values(R).map(definitionOf),
    roleAssignments,
    roleEligibilitySchedules,
    directoryRoles,
    itAdministrator,
  };
}
