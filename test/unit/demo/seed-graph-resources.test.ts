import { describe, expect, it } from 'vitest';
import { BREAK_GLASS_ACCOUNTS } from '../../../src/demo/seed/break-glass-accounts.js';
import { BUILT_IN_ROLES } from '../../../src/demo/seed/built-in-roles.js';
import {
  DECODED_STAGER,
  ENCODED_COMMAND_LINE,
  ENCODED_STAGER,
  STAGER_IP,
  STAGER_URL,
} from '../../../src/demo/seed/encoded-powershell.js';
import { SOC_TEAM, STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { NAMED_GROUP_IDS } from '../../../src/demo/seed/seed-groups.js';
import { seedTenant } from '../../../src/demo/seed/seed-tenant.js';
import { STORY_TIMELINE } from '../../../src/demo/seed/story-timeline.js';

const ANCHOR = Date.parse('2025-06-11T15:00:00.000Z');
const DAY = 86_400_000;
const state = seedTenant(4211, ANCHOR);

function graphResources(s: ReturnType<typeof seedTenant>) {
  return {
    groups: s.groups,
    directoryRoles: s.directoryRoles,
    roleAssignments: s.roleAssignments,
    roleEligibilitySchedules: s.roleEligibilitySchedules,
    directoryAudits: s.directoryAudits,
    conditionalAccessPolicies: s.conditionalAccessPolicies,
    namedLocations: s.namedLocations,
    managedDevices: s.managedDevices,
    securityIncidents: s.securityIncidents,
    securityAlerts: s.securityAlerts,
  };
}

describe('seeding the Graph resources around the stories', () => {
  it('has at least 300 managed devices, 100 alerts and a month of incidents and audit records', () => {
    expect(state.managedDevices.length).toBeGreaterThanOrEqual(300);
    expect(state.securityAlerts.length).toBeGreaterThanOrEqual(100);
    expect(state.securityIncidents.length).toBeGreaterThan(30);
    expect(state.directoryAudits.length).toBeGreaterThan(50);
    for (const incident of state.securityIncidents) {
      expect(
        state.securityAlerts.some((a) => a.incidentId === incident.id),
        incident.id,
      ).toBe(true);
    }
    const oldest = Math.min(...state.directoryAudits.map((a) => Date.parse(a.activityDateTime)));
    expect(ANCHOR - oldest).toBeLessThanOrEqual(30 * DAY);
  });

  it('is the same for the same seed and instant, and keeps its ids whatever the instant', () => {
    expect(JSON.stringify(graphResources(seedTenant(4211, ANCHOR)))).toBe(
      JSON.stringify(graphResources(state)),
    );
    const later = seedTenant(4211, ANCHOR + 3 * DAY + 777);
    const ids = (s: ReturnType<typeof seedTenant>) => ({
      incidents: s.securityIncidents.map((i) => i.id),
      alerts: s.securityAlerts.map((a) => a.id),
      devices: s.managedDevices.map((d) => d.device.id),
      groups: s.groups.map((g) => g.group.id),
      audits: s.directoryAudits.map((a) => a.id).sort(),
      eligibilities: s.roleEligibilitySchedules.map((e) => e.id),
    });
    expect(ids(later)).toEqual(ids(state));
    // Time-relative: incident 4211 was created when the spray was detected, whatever the instant.
    const created = (s: ReturnType<typeof seedTenant>, anchor: number) =>
      anchor - Date.parse(s.securityIncidents.find((i) => i.id === '4211')!.createdDateTime);
    expect(created(later, ANCHOR + 3 * DAY + 777)).toBe(STORY_TIMELINE.adele.sprayDetected);
    expect(created(state, ANCHOR)).toBe(STORY_TIMELINE.adele.sprayDetected);
  });

  it('gives another seed another background, with the same stories', () => {
    const other = seedTenant(99, ANCHOR);
    expect(other.securityAlerts.map((a) => a.id)).not.toEqual(state.securityAlerts.map((a) => a.id));
    expect(other.securityIncidents[0]).toMatchObject({ id: '4211', severity: 'high', status: 'active' });
    expect(other.managedDevices.some((d) => d.device.deviceName === 'DESKTOP-DIEGO01')).toBe(true);
  });

  it('tells incident 4211 from Adele’s sign-ins, with a real encoded PowerShell command line', () => {
    const incident = state.securityIncidents.find((i) => i.id === '4211')!;
    expect(incident).toMatchObject({ severity: 'high', status: 'active', classification: 'unknown' });
    expect(state.securityIncidents[0]!.id).toBe('4211');
    const alerts = state.securityAlerts.filter((a) => a.incidentId === '4211');
    expect(alerts).toHaveLength(4);
    const serialized = JSON.stringify(alerts);
    expect(serialized).toContain('"192.0.2.45"');
    expect(serialized).toContain('"192.0.2.66"');
    expect(serialized).toContain(STORY_PEOPLE.adele.userPrincipalName);
    expect(serialized).toContain('desktop-adele01');
    expect(ENCODED_COMMAND_LINE).toBe(`powershell.exe -NoP -W Hidden -EncodedCommand ${ENCODED_STAGER}`);
    expect(Buffer.from(ENCODED_STAGER, 'base64').toString('utf16le')).toBe(DECODED_STAGER);
    expect(DECODED_STAGER).toMatch(/IEX .*DownloadString\(/);
    expect(new URL(STAGER_URL).hostname).toMatch(/\.example$/);
    expect(STAGER_IP).toMatch(/^192\.0\.2\./);
    // The only other incidents after the background are Megan's and, earlier, Alex's.
    const titles = state.securityIncidents.slice(0, 2).map((i) => i.displayName);
    expect(titles[1]).toBe('Unfamiliar sign-in properties involving one user');
  });

  it('makes Lynne eligible (not active) for Global Administrator and the break-glass accounts active ones', () => {
    const ga = BUILT_IN_ROLES.globalAdministrator.templateId;
    expect(
      state.roleEligibilitySchedules
        .filter((e) => e.principalId === STORY_PEOPLE.lynne.id)
        .map((e) => e.roleDefinitionId),
    ).toEqual([ga]);
    const admins = state.roleAssignments.filter((a) => a.roleDefinitionId === ga).map((a) => a.principalId);
    expect(admins).toEqual(expect.arrayContaining(BREAK_GLASS_ACCOUNTS.map((a) => a.id)));
    expect(admins).not.toContain(STORY_PEOPLE.lynne.id);
    const roleOf = (id: string) =>
      state.roleAssignments.filter((a) => a.principalId === id).map((a) => a.roleDefinitionId);
    expect(roleOf(SOC_TEAM.patti.id)).toEqual([BUILT_IN_ROLES.securityAdministrator.templateId]);
    expect(roleOf(SOC_TEAM.miriam.id)).toEqual([BUILT_IN_ROLES.helpdeskAdministrator.templateId]);
    expect(roleOf(SOC_TEAM.johanna.id)).toEqual([BUILT_IN_ROLES.authenticationAdministrator.templateId]);
  });

  it('keeps the break-glass accounts cloud-only, out of every Conditional Access policy, and out of the sign-in log', () => {
    for (const account of BREAK_GLASS_ACCOUNTS) {
      const person = state.users.find((p) => p.user.id === account.id)!;
      expect(person.user.onPremisesSyncEnabled).toBeNull();
      expect(person.user.userPrincipalName).toMatch(/@contoso\.onmicrosoft\.com$/);
      expect(state.signIns.some((s) => s.userId === account.id)).toBe(false);
    }
    const group = state.groups.find((g) => g.group.id === NAMED_GROUP_IDS.breakGlass)!;
    expect(group.memberIds.sort()).toEqual(BREAK_GLASS_ACCOUNTS.map((a) => a.id).sort());
    for (const policy of state.conditionalAccessPolicies) {
      expect(policy.conditions.users.excludeGroups).toContain(NAMED_GROUP_IDS.breakGlass);
    }
  });
});
