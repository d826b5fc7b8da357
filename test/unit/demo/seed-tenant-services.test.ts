/**
 * The seeded non-Graph services of the demo tenant: deterministic, with the story facts DEMO-TENANT.md
 * promises (web-prod-01 and its attack path, the secure score and its history, the ticket for incident
 * 4211), and Log Analytics rows that match the schema a KQL validator will read, column for column.
 */
import { describe, expect, it } from 'vitest';
import {
  type KqlType,
  LOG_ANALYTICS_TABLES,
  type LogAnalyticsColumn,
  type LogAnalyticsTableName,
} from '../../../src/clients/log-analytics-schema.js';
import { computeSecureScore } from '../../../src/demo/arm/compute-secure-score.js';
import { STORY_RESOURCES } from '../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../src/demo/seed/defender-recommendations.js';
import { seedTenant } from '../../../src/demo/seed/seed-tenant.js';

const ANCHOR = Date.parse('2025-06-11T15:00:00.000Z');
const state = seedTenant(4211, ANCHOR);

function kqlTypeOf(value: unknown): KqlType | 'null' {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'real';
  if (typeof value === 'string') return 'string';
  return 'dynamic';
}

describe('the seeded services', () => {
  it('are deterministic: the same seed and instant give the same services', () => {
    const again = seedTenant(4211, ANCHOR);
    expect(JSON.stringify(again.defenderForCloud)).toBe(JSON.stringify(state.defenderForCloud));
    expect(JSON.stringify(again.logAnalytics)).toBe(JSON.stringify(state.logAnalytics));
    expect(JSON.stringify(again.serviceNow)).toBe(JSON.stringify(state.serviceNow));
  });

  it('give Defender for Cloud at least 50 assessments over at least 20 resources of each kind', () => {
    const { resources, assessments } = state.defenderForCloud;
    expect(resources.length).toBeGreaterThanOrEqual(20);
    expect(assessments.length).toBeGreaterThanOrEqual(50);
    expect(new Set(resources.map((r) => r.type))).toEqual(
      new Set([
        'Microsoft.Compute/virtualMachines',
        'Microsoft.Storage/storageAccounts',
        'Microsoft.Sql/servers',
        'Microsoft.ContainerService/managedClusters',
        'Microsoft.KeyVault/vaults',
        'Microsoft.Web/sites',
      ]),
    );
    const assessed = new Set(assessments.map((a) => a.resourceId));
    for (const resource of resources) expect(assessed).toContain(resource.id);
  });

  it('make web-prod-01 internet-exposed, critically vulnerable and the entry of an attack path to sensitive data', () => {
    const { resources, assessments, attackPaths } = state.defenderForCloud;
    const vm = resources.find((r) => r.name === 'web-prod-01');
    expect(vm?.internetExposed).toBe(true);
    const finding = assessments.find(
      (a) => a.resourceId === vm?.id && a.assessmentKey === AZURE_ASSESSMENT_KEYS.vulnerabilityFindings,
    );
    expect(finding?.status.code).toBe('Unhealthy');
    expect(finding?.additionalData?.highestSeverity).toBe('Critical');
    const path = attackPaths.find((p) => p.entryPointEntityInternalID.endsWith('/web-prod-01'));
    expect(path?.targetEntityInternalID).toBe(`azure://${STORY_RESOURCES.customerData.id.toLowerCase()}`);
    expect(resources.find((r) => r.id === STORY_RESOURCES.customerData.id)?.sensitiveData).toBe(true);
  });

  it('keep a secure score history that ends at today’s score and moves', () => {
    const { secureScoreHistory } = state.defenderForCloud;
    const today = computeSecureScore(state.defenderForCloud);
    expect(secureScoreHistory).toHaveLength(30);
    expect(secureScoreHistory.at(-1)).toMatchObject({ current: today.current, max: today.max });
    expect(Date.parse(secureScoreHistory[0]!.date)).toBeLessThan(Date.parse(secureScoreHistory.at(-1)!.date));
    // web-prod-01's finding appeared two days ago, the only change of the last three days: the score dropped.
    expect(secureScoreHistory.at(-4)!.percentage).toBeGreaterThan(secureScoreHistory.at(-1)!.percentage);
    expect(secureScoreHistory.at(-2)!.percentage).toBe(secureScoreHistory.at(-1)!.percentage);
  });

  it('fill every Log Analytics table with rows that have exactly the schema’s columns and types', () => {
    for (const [name, table] of Object.entries(LOG_ANALYTICS_TABLES)) {
      const columns: readonly LogAnalyticsColumn[] = table;
      const rows = state.logAnalytics.tables[name as LogAnalyticsTableName] as readonly Record<
        string,
        unknown
      >[];
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.keys(row), name).toEqual(columns.map((c) => c.name));
        for (const column of columns) {
          const value = row[column.name];
          const type = kqlTypeOf(value);
          if (type === 'null') {
            expect(column.nullable, `${name}.${column.name}`).toBe(true);
            continue;
          }
          const expected = {
            string: 'string',
            datetime: 'string',
            guid: 'string',
            bool: 'bool',
            int: 'long',
            long: 'long',
            real: 'real',
            dynamic: 'dynamic',
          }[column.type];
          expect(type, `${name}.${column.name}`).toBe(expected);
          if (column.type === 'datetime') expect(Number.isNaN(Date.parse(value as string))).toBe(false);
        }
        expect(row.Type).toBe(name);
      }
    }
  });

  it('give ServiceNow about thirty incidents, the newest the SOC’s ticket for incident 4211', () => {
    const { incidents, nextIncidentNumber, users } = state.serviceNow;
    expect(incidents.length).toBeGreaterThanOrEqual(28);
    expect(incidents.length).toBeLessThanOrEqual(32);
    const newest = incidents.reduce((a, b) => (a.sys_created_on > b.sys_created_on ? a : b));
    expect(newest.correlation_id).toBe('4211');
    expect(newest.category).toBe('security');
    expect(users.find((u) => u.sys_id === newest.caller_id)?.email).toBe('adele.vance@contoso.com');
    expect(incidents.filter((i) => i.category === 'security').length).toBeGreaterThanOrEqual(3);
    expect(nextIncidentNumber).toBe(Number.parseInt(incidents.at(-1)!.number.slice(3), 10) + 1);
    expect(new Set(incidents.map((i) => i.number)).size).toBe(incidents.length);
  });
});
