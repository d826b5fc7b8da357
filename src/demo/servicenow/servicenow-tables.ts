/**
 * The tables the demo ServiceNow instance serves through the Table API and how each field behaves: its kind
 * (choice with labels, reference to which table, date, journal...), whether an API client may write it, and
 * the table's display field. `incident` is writable; `sys_user` and `sys_user_group` are read-only (they exist
 * so that reference links resolve), and so is `sys_journal_field` (the comments and work notes written to
 * incidents). Choice labels are ServiceNow's out-of-the-box ones.
 * Data only; `servicenow-records.ts` reads it to format and query records.
 */
import { journalRecords } from './servicenow-journal.js';
import type { DemoServiceNow } from './servicenow-state.js';

/** How a field's value is written and compared. */
export type FieldKind = 'string' | 'choice' | 'reference' | 'datetime' | 'boolean' | 'integer' | 'journal';

/** One field. */
export interface FieldDefinition {
  kind: FieldKind;
  /** For references: the table it points to. */
  reference?: string;
  /** For choices: value → label. */
  choices?: Readonly<Record<string, string>>;
  /** Set by the instance, never by an API client (sys_ fields, number, computed fields). */
  system?: boolean;
}

/** One table. */
export interface TableDefinition {
  name: string;
  /** The field a reference to this table displays (e.g. `name` for users). */
  displayField: string;
  writable: boolean;
  fields: Readonly<Record<string, FieldDefinition>>;
  /** The table's records, as raw values. */
  records(instance: DemoServiceNow): Record<string, string>[];
}

const STATE = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};
const LEVEL = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };
const PRIORITY = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};
const CATEGORY = {
  inquiry: 'Inquiry / Help',
  software: 'Software',
  hardware: 'Hardware',
  network: 'Network',
  database: 'Database',
  security: 'Security',
};
const CONTACT_TYPE = {
  email: 'Email',
  phone: 'Phone',
  'self-service': 'Self-service',
  'walk-in': 'Walk-in',
  monitoring: 'Monitoring',
};
const CLOSE_CODE = {
  'Solved (Work Around)': 'Solved (Work Around)',
  'Solved (Permanently)': 'Solved (Permanently)',
  'Solved Remotely (Work Around)': 'Solved Remotely (Work Around)',
  'Solved Remotely (Permanently)': 'Solved Remotely (Permanently)',
  'Not Solved (Not Reproducible)': 'Not Solved (Not Reproducible)',
  'Not Solved (Too Costly)': 'Not Solved (Too Costly)',
  'Closed/Resolved by Caller': 'Closed/Resolved by Caller',
};

const text: FieldDefinition = { kind: 'string' };
const system = (kind: FieldKind): FieldDefinition => ({ kind, system: true });
const user: FieldDefinition = { kind: 'reference', reference: 'sys_user' };

/** Incident priority from impact and urgency (ServiceNow's default priority lookup). */
export function incidentPriority(impact: string, urgency: string): string {
  const i = Number.parseInt(impact, 10);
  const u = Number.parseInt(urgency, 10);
  if (!(i >= 1 && i <= 3 && u >= 1 && u <= 3)) return '5';
  return String([1, 2, 3, 4, 5][i + u - 2] ?? 5);
}

/** The tables, by name. */
export const SERVICENOW_TABLES: Readonly<Record<string, TableDefinition>> = {
  incident: {
    name: 'incident',
    displayField: 'number',
    writable: true,
    fields: {
      sys_id: system('string'),
      number: system('string'),
      short_description: text,
      description: text,
      state: { kind: 'choice', choices: STATE },
      impact: { kind: 'choice', choices: LEVEL },
      urgency: { kind: 'choice', choices: LEVEL },
      priority: { kind: 'choice', choices: PRIORITY, system: true },
      severity: { kind: 'choice', choices: LEVEL },
      category: { kind: 'choice', choices: CATEGORY },
      subcategory: text,
      active: system('boolean'),
      caller_id: user,
      opened_by: { ...user, system: true },
      assigned_to: user,
      assignment_group: { kind: 'reference', reference: 'sys_user_group' },
      cmdb_ci: { kind: 'reference', reference: 'cmdb_ci' },
      contact_type: { kind: 'choice', choices: CONTACT_TYPE },
      correlation_id: text,
      correlation_display: text,
      opened_at: system('datetime'),
      resolved_at: system('datetime'),
      closed_at: system('datetime'),
      close_code: { kind: 'choice', choices: CLOSE_CODE },
      close_notes: text,
      sys_created_on: system('datetime'),
      sys_created_by: system('string'),
      sys_updated_on: system('datetime'),
      sys_updated_by: system('string'),
      sys_mod_count: system('integer'),
      work_notes: { kind: 'journal' },
      comments: { kind: 'journal' },
    },
    records: (instance) => instance.incidents as unknown as Record<string, string>[],
  },
  sys_user: {
    name: 'sys_user',
    displayField: 'name',
    writable: false,
    fields: {
      sys_id: system('string'),
      user_name: text,
      name: text,
      first_name: text,
      last_name: text,
      email: text,
      title: text,
      department: text,
      active: { kind: 'boolean' },
      sys_created_on: system('datetime'),
    },
    records: (instance) => instance.users as unknown as Record<string, string>[],
  },
  sys_user_group: {
    name: 'sys_user_group',
    displayField: 'name',
    writable: false,
    fields: {
      sys_id: system('string'),
      name: text,
      description: text,
      email: text,
      active: { kind: 'boolean' },
      sys_created_on: system('datetime'),
    },
    records: (instance) => instance.groups as unknown as Record<string, string>[],
  },
  sys_journal_field: {
    name: 'sys_journal_field',
    displayField: 'value',
    writable: false,
    fields: {
      sys_id: system('string'),
      name: system('string'),
      element_id: system('string'),
      element: system('string'),
      value: system('string'),
      sys_created_on: system('datetime'),
      sys_created_by: system('string'),
    },
    records: journalRecords,
  },
};
