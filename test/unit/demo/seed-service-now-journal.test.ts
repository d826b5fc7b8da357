/**
 * The demo ServiceNow's journal: comments and work notes that follow each seeded ticket's state and times,
 * served as `sys_journal_field` records with stable sys_ids; on Adele's ticket, the SOC's comment and the
 * reply written from her mailbox by the attacker, with instructions for an AI in it (the only seeded entry
 * that reads as a prompt injection).
 */
import { describe, expect, it } from 'vitest';
import { detectInjection } from '../../../src/core/grounding/detect-injection.js';
import { ADELE_TICKET_INJECTED_REPLY } from '../../../src/demo/seed/seed-service-now.js';
import { seedTenant } from '../../../src/demo/seed/seed-tenant.js';
import { journalRecords } from '../../../src/demo/servicenow/servicenow-journal.js';

const ANCHOR = Date.parse('2025-06-11T15:00:00.000Z');
const { serviceNow } = seedTenant(4211, ANCHOR);
const adeleTicket = serviceNow.incidents.find((incident) => incident.correlation_id === '4211')!;

describe('the seeded ServiceNow journal', () => {
  it('writes comments and work notes on seeded incidents, between opening and the last update, oldest first', () => {
    expect(serviceNow.journal.length).toBeGreaterThanOrEqual(20);
    const times = serviceNow.journal.map((entry) => entry.sys_created_on);
    expect([...times].sort()).toEqual(times);
    for (const entry of serviceNow.journal) {
      const incident = serviceNow.incidents.find((candidate) => candidate.sys_id === entry.element_id);
      expect(incident, entry.value).toBeDefined();
      expect(['comments', 'work_notes']).toContain(entry.element);
      expect(entry.sys_created_on >= incident!.opened_at).toBe(true);
      expect(entry.sys_created_on <= incident!.sys_updated_on).toBe(true);
      expect(Date.parse(entry.sys_created_on)).toBeLessThanOrEqual(ANCHOR);
      expect(serviceNow.users.some((user) => user.user_name === entry.sys_created_by)).toBe(true);
    }
  });

  it('follows the state: nothing on new tickets but web-prod-01’s triage note, a closing comment on resolved ones', () => {
    const on = (sysId: string) => serviceNow.journal.filter((entry) => entry.element_id === sysId);
    for (const incident of serviceNow.incidents) {
      const entries = on(incident.sys_id);
      if (incident.state === '1') {
        const webProd = incident.short_description.includes('web-prod-01');
        expect(entries.map((entry) => entry.element)).toEqual(webProd ? ['work_notes'] : []);
      }
      if (incident.state === '6' || incident.state === '7') {
        expect(entries.at(-1)).toMatchObject({
          element: 'comments',
          value: expect.stringMatching(/resolved/),
        });
      }
    }
  });

  it('holds, on Adele’s ticket, the SOC’s comment, the attacker’s reply from her mailbox, then the PowerShell work note', () => {
    const adele = serviceNow.users.find((user) => user.sys_id === adeleTicket.caller_id)!;
    const entries = serviceNow.journal.filter((entry) => entry.element_id === adeleTicket.sys_id);
    expect(entries.map((entry) => [entry.element, entry.sys_created_by])).toEqual([
      ['comments', 'isaiah.langer'],
      ['comments', adele.user_name],
      ['work_notes', 'isaiah.langer'],
    ]);
    expect(entries[1]?.value).toBe(ADELE_TICKET_INJECTED_REPLY);
    expect(entries[2]?.value).toMatch(/EncodedCommand/);
  });

  it('has exactly one entry that reads as instructions to an AI: the attacker’s reply', () => {
    const flagged = detectInjection({ journal: serviceNow.journal });
    expect(flagged.map((hit) => hit.field)).toEqual([
      `journal[${serviceNow.journal.findIndex((entry) => entry.value === ADELE_TICKET_INJECTED_REPLY)}].value`,
    ]);
  });

  it('is served as sys_journal_field records with unique sys_ids that stay the same', () => {
    const records = journalRecords(serviceNow);
    expect(records).toHaveLength(serviceNow.journal.length);
    expect(new Set(records.map((record) => record.sys_id)).size).toBe(records.length);
    expect(records.every((record) => /^[0-9a-f]{32}$/.test(record.sys_id ?? ''))).toBe(true);
    expect(journalRecords(seedTenant(4211, ANCHOR).serviceNow)).toEqual(records);
    expect(records[0]).toMatchObject({ name: 'incident', element_id: serviceNow.journal[0]?.element_id });
  });
});
