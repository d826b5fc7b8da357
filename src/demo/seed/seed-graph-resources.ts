/**
 * Seeds the Microsoft Graph resources beyond users, Identity Protection and sign-ins: the break-glass
 * accounts, groups, roles and PIM, Conditional Access, Intune, Defender XDR and the directory audit log.
 * One entry point so the tenant seed adds them in one step; each part draws from its own random stream, so
 * adding one never shifts another (nor anything seeded before).
 * It never changes the people, sign-ins or risk it is given: it reads them.
 */
import type {
  DemoAuthenticationMethod,
  DemoRiskyUser,
  DemoTenantState,
  DemoUser,
} from '../demo-tenant-state.js';
import { breakGlassAuthenticationMethods, breakGlassUsers } from './break-glass-accounts.js';
import { seedConditionalAccessPolicies, seedNamedLocations } from './seed-conditional-access-policies.js';
import type { SeedContext } from './seed-context.js';
import { seedDirectoryAudits } from './seed-directory-audits.js';
import { seedGroups } from './seed-groups.js';
import { seedManagedDevices } from './seed-managed-devices.js';
import { seedRoleManagement } from './seed-role-management.js';
import { seedSecurityIncidents } from './seed-security-incidents.js';

/** The part of the state this seeds (users: the break-glass accounts to add to the directory). */
export type SeededGraphResources = Pick<
  DemoTenantState,
  | 'groups'
  | 'directoryRoles'
  | 'roleDefinitions'
  | 'roleAssignments'
  | 'roleEligibilitySchedules'
  | 'directoryAudits'
  | 'conditionalAccessPolicies'
  | 'namedLocations'
  | 'managedDevices'
  | 'securityIncidents'
  | 'securityAlerts'
  | 'authenticationOperations'
> & {
  extraUsers: DemoUser[];
  extraAuthenticationMethods: Map<string, DemoAuthenticationMethod[]>;
};

/** Everything above, for `people` (the seeded directory) and the risk the stories seeded. */
export function seedGraphResources(
  context: (label: string) => SeedContext,
  riskyUsers: readonly DemoRiskyUser[],
): SeededGraphResources {
  const base = context('graph');
  const { anchorMs, people } = base;
  const breakGlass = breakGlassUsers(anchorMs);
  const groups = seedGroups(people, breakGlass, context('groups').random, anchorMs);
  const roles = seedRoleManagement(people, breakGlass, context('roles').random, anchorMs);
  const conditionalAccessPolicies = seedConditionalAccessPolicies(
    context('conditional-access').random,
    anchorMs,
  );
  const namedLocations = seedNamedLocations(context('named-locations').random, anchorMs);
  const security = seedSecurityIncidents(context('security'), context('story:incidents'));
  const directoryAudits = seedDirectoryAudits(
    {
      people: [...people, ...breakGlass],
      itAdministrator: roles.itAdministrator,
      groups,
      riskyUsers,
      policies: conditionalAccessPolicies,
    },
    context('directory-audits').random,
    anchorMs,
  );
  return {
    extraUsers: breakGlass,
    extraAuthenticationMethods: breakGlassAuthenticationMethods(breakGlass),
    groups,
    directoryRoles: roles.directoryRoles,
    roleDefinitions: roles.roleDefinitions,
    roleAssignments: roles.roleAssignments,
    roleEligibilitySchedules: roles.roleEligibilitySchedules,
    directoryAudits,
    conditionalAccessPolicies,
    namedLocations,
    managedDevices: seedManagedDevices(people, context('managed-devices').random, anchorMs),
    securityIncidents: security.incidents,
    securityAlerts: security.alerts,
    authenticationOperations: [],
  };
}
