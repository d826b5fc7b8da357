/**
 * Skill `servicenow.incidentJournal`: the latest comments (seen by the caller) and work notes (internal) on a
 * ServiceNow incident, newest first, from `sys_journal_field`. Takes the incident's number (read first, to
 * learn its sys_id) or sys_id. Read-only; every query is built by the encoded-query helper from validated
 * values. Journal text is written by callers too, so it is tenant data an attacker can reach: the ledger
 * scans it for planted instructions, and nothing here acts on it.
 */
import { z } from 'zod/v4';
import type { ServiceNowClient } from '../../../clients/servicenow.js';
import { encodedQuery } from '../../../clients/servicenow-encoded-query.js';
import { defineSkill } from '../../types.js';
import {
  incidentNumberInput,
  type ServiceNowJournalNote,
  sysIdInput,
  toJournalNote,
} from '../servicenow-ticket.js';

/** An incident's latest journal entries. */
export interface IncidentJournal {
  /** The incident's number, when it was asked for by number. */
  number?: string;
  sysId: string;
  /** Newest first. */
  notes: ServiceNowJournalNote[];
  /** More entries exist than were read. */
  truncated: boolean;
}

/** The `servicenow.incidentJournal` skill on `client`. */
export function incidentJournalSkill(client: ServiceNowClient) {
  return defineSkill({
    name: 'incidentJournal',
    description:
      'The latest comments and work notes on a ServiceNow incident (by number INC0010001 or sys_id), newest first: who wrote them, when, and the text.',
    input: z
      .object({
        number: incidentNumberInput.optional().describe('The incident number, e.g. INC0010001.'),
        sysId: sysIdInput.optional().describe("The incident's sys_id (32 hex digits)."),
        top: z.number().int().min(1).max(50).default(10).describe('How many entries, newest first.'),
      })
      .strict()
      .refine((input) => (input.number === undefined) !== (input.sysId === undefined), {
        message: 'give the incident number or its sys_id (exactly one)',
      }),
    async run(input, context) {
      const requests: string[] = [];
      let sysId = input.sysId ?? '';
      if (input.number !== undefined) {
        const incident = await client.readIncident({ number: input.number }, { signal: context.signal });
        sysId = incident.sys_id.value;
        requests.push(`GET /api/now/table/incident?sysparm_query=number=${input.number}`);
      }
      const query = encodedQuery(
        [
          { field: 'element_id', operator: '=', value: sysId },
          { field: 'element', operator: 'IN', value: 'comments,work_notes' },
        ],
        [{ field: 'sys_created_on', descending: true }],
      );
      const list = await client.listJournalEntries(query, {
        signal: context.signal,
        limit: input.top,
        maxItems: input.top,
      });
      requests.push(`GET /api/now/table/sys_journal_field?sysparm_query=${query}`);
      const data: IncidentJournal = {
        ...(input.number !== undefined ? { number: input.number } : {}),
        sysId,
        notes: list.items.flatMap((entry) => toJournalNote(entry) ?? []),
        truncated: list.truncated,
      };
      return { data, requests };
    },
  });
}
