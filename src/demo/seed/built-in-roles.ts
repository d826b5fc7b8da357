/**
 * Microsoft Entra built-in roles the demo tenant uses, with their real template ids (the same in every
 * tenant), descriptions and a representative part of their permissions. Data only; never used outside the
 * demo tenant.
 */

/** A built-in role as `unifiedRoleDefinition` describes it. */
export interface BuiltInRole {
  templateId: string;
  displayName: string;
  description: string;
  allowedResourceActions: readonly string[];
}

function role(
  templateId: string,
  displayName: string,
  description: string,
  allowedResourceActions: readonly string[],
): BuiltInRole {
  return { templateId, displayName, description, allowedResourceActions };
}

export const BUILT_IN_ROLES = {
  globalAdministrator: role(
    '62e90394-69f5-4237-9190-012177145e10',
    'Global Administrator',
    'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    ['microsoft.directory/*/allProperties/allTasks', 'microsoft.azure.serviceHealth/allEntities/allTasks'],
  ),
  privilegedRoleAdministrator: role(
    'e8611ab8-c189-46e8-94e1-60213ab1f814',
    'Privileged Role Administrator',
    'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
    [
      'microsoft.directory/roleAssignments/allProperties/allTasks',
      'microsoft.directory/privilegedIdentityManagement/allProperties/allTasks',
    ],
  ),
  securityAdministrator: role(
    '194ae4cb-b126-40b2-bd5b-6091b380977d',
    'Security Administrator',
    'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.',
    [
      'microsoft.directory/identityProtection/allProperties/allTasks',
      'microsoft.directory/conditionalAccessPolicies/standard/read',
      'microsoft.security/allEntities/allProperties/allTasks',
    ],
  ),
  securityOperator: role(
    '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
    'Security Operator',
    'Creates and manages security events.',
    [
      'microsoft.directory/identityProtection/allProperties/read',
      'microsoft.security/allEntities/allProperties/read',
      'microsoft.security/incidents/allProperties/update',
    ],
  ),
  securityReader: role(
    '5d6b6bb7-de71-4623-b4af-96380a352509',
    'Security Reader',
    'Can read security information and reports in Microsoft Entra ID and Office 365.',
    [
      'microsoft.directory/identityProtection/allProperties/read',
      'microsoft.directory/auditLogs/allProperties/read',
      'microsoft.directory/signInReports/allProperties/read',
    ],
  ),
  globalReader: role(
    'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    'Global Reader',
    'Can read everything that a Global Administrator can, but not update anything.',
    ['microsoft.directory/*/allProperties/read'],
  ),
  authenticationAdministrator: role(
    'c4e39bd9-1100-46d3-8c65-fb160da0071f',
    'Authentication Administrator',
    'Can access to view, set and reset authentication method information for any non-admin user.',
    [
      'microsoft.directory/users/authenticationMethods/create',
      'microsoft.directory/users/authenticationMethods/delete',
      'microsoft.directory/users/authenticationMethods/standard/restrictedRead',
      'microsoft.directory/users/password/update',
      'microsoft.directory/users/invalidateAllRefreshTokens',
    ],
  ),
  privilegedAuthenticationAdministrator: role(
    '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
    'Privileged Authentication Administrator',
    'Can access to view, set and reset authentication method information for any user (admin or non-admin).',
    [
      'microsoft.directory/users/authenticationMethods/create',
      'microsoft.directory/users/authenticationMethods/delete',
      'microsoft.directory/users/password/update',
      'microsoft.directory/users/invalidateAllRefreshTokens',
    ],
  ),
  helpdeskAdministrator: role(
    '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    'Helpdesk Administrator',
    'Can reset passwords for non-administrators and Helpdesk Administrators.',
    [
      'microsoft.directory/users/password/update',
      'microsoft.directory/users/invalidateAllRefreshTokens',
      'microsoft.directory/bitlockerKeys/key/read',
    ],
  ),
  conditionalAccessAdministrator: role(
    'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
    'Conditional Access Administrator',
    'Can manage Conditional Access capabilities.',
    [
      'microsoft.directory/conditionalAccessPolicies/create',
      'microsoft.directory/conditionalAccessPolicies/delete',
      'microsoft.directory/conditionalAccessPolicies/standard/read',
      'microsoft.directory/namedLocations/create',
    ],
  ),
  intuneAdministrator: role(
    '3a2c62db-5318-420d-8d74-23affee5d9d5',
    'Intune Administrator',
    'Can manage all aspects of the Intune product.',
    [
      'microsoft.intune/allEntities/allTasks',
      'microsoft.directory/devices/basic/update',
      'microsoft.directory/bitlockerKeys/key/read',
    ],
  ),
  userAdministrator: role(
    'fe930be7-5e62-47db-91af-98c3a49a38b1',
    'User Administrator',
    'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    [
      'microsoft.directory/users/create',
      'microsoft.directory/users/delete',
      'microsoft.directory/users/disable',
      'microsoft.directory/users/enable',
      'microsoft.directory/users/password/update',
      'microsoft.directory/groups/create',
    ],
  ),
} as const satisfies Record<string, BuiltInRole>;

/** The built-in role with this display name; throws if the seed names one it does not know. */
export function builtInRoleByName(displayName: string): BuiltInRole {
  const role = Object.values(BUILT_IN_ROLES).find((r) => r.displayName === displayName);
  if (role === undefined) throw new Error(`seed inconsistency: no built-in role named '${displayName}'`);
  return role;
}
