import { describe, expect, it } from 'vitest';
import { ArmHttpError } from '../../../src/demo/arm/arm-error.js';
import { parseAttackPathQuery } from '../../../src/demo/arm/resource-graph-query.js';

describe('the attack-path Resource Graph queries the demo tenant answers', () => {
  it('reads the documented shapes', () => {
    expect(
      parseAttackPathQuery('securityresources | where type == "microsoft.security/attackpaths"'),
    ).toEqual({});
    expect(
      parseAttackPathQuery(`securityresources
        | where type == "microsoft.security/attackpaths"
        | where subscriptionId == "3c1d7e52-8a4f-4b6e-9d21-5f0a6b7c8d94"
        | extend AttackPathDisplayName = tostring(properties["displayName"])
        | where AttackPathDisplayName == "Internet exposed VM | with a pipe"
        | take 5`),
    ).toEqual({
      subscriptionId: '3c1d7e52-8a4f-4b6e-9d21-5f0a6b7c8d94',
      displayName: { value: 'Internet exposed VM | with a pipe', caseSensitive: true },
      take: 5,
    });
    expect(
      parseAttackPathQuery("SecurityResources | where type =~ 'Microsoft.Security/attackPaths'"),
    ).toEqual({});
  });

  it('refuses anything else with an ARM 400 that says what it answers', () => {
    for (const query of [
      'resources | where type == "microsoft.compute/virtualmachines"',
      'securityresources | where type == "microsoft.security/assessments"',
      'securityresources | where type == "microsoft.security/attackpaths" | project id',
      'securityresources',
    ]) {
      let error: unknown;
      try {
        parseAttackPathQuery(query);
      } catch (caught) {
        error = caught;
      }
      expect(ArmHttpError.isInstance(error)).toBe(true);
      expect((error as ArmHttpError).status).toBe(400);
      expect((error as ArmHttpError).details?.[1]?.message).toMatch(/answers only attack-path queries/);
    }
  });
});
