/** ATT&CK words for Defender's categories and technique ids; unknown ones stay as they are. */
import { describe, expect, it } from 'vitest';
import {
  categoryWords,
  describeTechnique,
  mitreTactic,
  orderTactics,
} from '../../../../src/plugins/defender-xdr/mitre-attack.js';

describe('MITRE ATT&CK words', () => {
  it('names tactics as ATT&CK does, however Defender spells them', () => {
    expect(mitreTactic('CredentialAccess')).toEqual({ id: 'TA0006', name: 'Credential access', order: 8 });
    expect(mitreTactic('credential_access')?.id).toBe('TA0006');
    expect(mitreTactic('Malware')).toBeUndefined();
    expect(mitreTactic('constructor')).toBeUndefined();
  });

  it('words categories that are not tactics', () => {
    expect(categoryWords('SuspiciousActivity')).toBe('Suspicious activity');
    expect(categoryWords(null)).toBe('Uncategorised');
  });

  it('names techniques it knows and keeps the others', () => {
    expect(describeTechnique('t1059.001')).toBe('T1059.001 PowerShell');
    expect(describeTechnique('T9999')).toBe('T9999');
  });

  it('orders tactics along the attack, once each', () => {
    const tactics = ['Impact', 'InitialAccess', 'Execution', 'InitialAccess'].map((c) => mitreTactic(c)!);
    expect(orderTactics(tactics).map((t) => t.id)).toEqual(['TA0001', 'TA0002', 'TA0040']);
  });
});
