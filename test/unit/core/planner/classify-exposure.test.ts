/**
 * Questions naming a CVE and an asset ("is web-prod-01 vulnerable to CVE-2024-3400?") ask whether that asset is
 * affected: they go to the cloud posture planner, which looks the asset up in Defender for Cloud and then in
 * Intune, however they are phrased. A CVE alone stays an indicator lookup; an asset alone keeps its intent.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';

function intentOf(text: string, options?: Parameters<typeof classifyIntent>[2]) {
  return classifyIntent(text, extractEntities(text), options);
}

describe('a CVE and an asset: is the asset affected?', () => {
  it.each([
    'is web-prod-01 vulnerable to CVE-2024-3400?',
    'CVE-2024-3400 on web-prod-01?',
    'web-prod-01 - exposed to cve-2024-3400??',
    'check web-prod-01 for CVE-2024-3400',
    'does DESKTOP-DIEGO01 have cve-2021-44228',
    'is sql-prod-09 affected by CVE-2024-6387 or CVE-2021-44228',
    'are we hit by CVE-2024-3400 on web-prod-01.contoso.local',
    'pls confirm if app-prod-02 is patched for CVE-2024-6387',
    'is web-prod-01 vulnerable to CVE-2024-3400? analyst asking for adele.vance@contoso.com',
  ])('"%s" → cloud-posture', (text) => {
    expect(intentOf(text).intent).toBe('cloud-posture');
  });

  it('says which CVE and asset decided it', () => {
    expect(intentOf('is web-prod-01 vulnerable to CVE-2024-3400?').reason).toBe(
      'CVE-2024-3400 on web-prod-01: is the asset affected',
    );
  });

  it('keeps a question about the remembered asset with the planner that can answer it', () => {
    const resource = {
      kind: 'resource' as const,
      id: '/subscriptions/3c1d7e52-8a4f-4b6e-9d21-5f0a6b7c8d94/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-prod-01',
      displayName: 'web-prod-01 (virtual machine)',
    };
    const device = {
      kind: 'device' as const,
      id: '5a2e3d4c-6b7f-4c8a-9d0e-1f2a3b4c5d62',
      displayName: 'DESKTOP-DIEGO01',
    };
    expect(
      intentOf('and is it vulnerable to CVE-2024-3400?', { followUp: { subject: resource } }).intent,
    ).toBe('cloud-posture');
    expect(intentOf('is it vulnerable to CVE-2024-3400?', { followUp: { subject: device } }).intent).toBe(
      'device',
    );
  });
});

describe('neighbours keep their intent', () => {
  it.each([
    ['what do we know about CVE-2024-3400?', 'indicator'],
    ['which of our servers are exposed to CVE-2024-3400?', 'indicator'],
    ['cve-2021-44228 - are we exposed??', 'indicator'],
    ['recommendations for web-prod-01', 'cloud-posture'],
    ['is DESKTOP-DIEGO01 compliant', 'device'],
    ["is adele's laptop vulnerable to CVE-2024-3400", 'device'],
    ['sign-ins of adele.vance@contoso.com on DESKTOP-ADELE01', 'user-risk'],
  ])('"%s" → %s', (text, intent) => {
    expect(intentOf(text).intent).toBe(intent);
  });
});
