/**
 * What the demo tenant's ServiceNow instance holds: the incident table (writable), the users and groups its
 * references point to, the journal (work notes and comments written to incidents) and the next incident
 * number. Fields are stored as the Table API's raw values (strings; references as sys_ids; "" when empty),
 * except dates, stored as ISO 8601 UTC on the seeded timeline ("" when empty) and written on the wire as
 * ServiceNow's `YYYY-MM-DD HH:mm:ss` after sliding to the present.
 * Holds data only.
 */

/** A `sys_user` record. */
export interface DemoServiceNowUser {
  sys_id: string;
  user_name: string;
  name: string;
  first_name: string;
  last_name: string;
  email: string;
  title: string;
  department: string;
  active: string;
  sys_created_on: string;
}

/** A `sys_user_group` record. */
export interface DemoServiceNowGroup {
  sys_id: string;
  name: string;
  description: string;
  email: string;
  active: string;
  sys_created_on: string;
}

/** An `incident` record. */
export interface DemoServiceNowIncident {
  sys_id: string;
  number: string;
  short_description: string;
  description: string;
  state: string;
  impact: string;
  urgency: string;
  priority: string;
  severity: string;
  category: string;
  subcategory: string;
  active: string;
  caller_id: string;
  opened_by: string;
  assigned_to: string;
  assignment_group: string;
  cmdb_ci: string;
  contact_type: string;
  correlation_id: string;
  correlation_display: string;
  opened_at: string;
  resolved_at: string;
  closed_at: string;
  close_code: string;
  close_notes: string;
  sys_created_on: string;
  sys_created_by: string;
  sys_updated_on: string;
  sys_updated_by: string;
  sys_mod_count: string;
  /** Journal fields: always "" when read through the Table API; what was written is in the journal. */
  work_notes: string;
  comments: string;
}

/** A work note or comment written to a record (`sys_journal_field`). */
export interface DemoJournalEntry {
  /** The record's sys_id. */
  element_id: string;
  /** `work_notes` or `comments` */
  element: string;
  value: string;
  sys_created_on: string;
  sys_created_by: string;
}

/** The ServiceNow instance. */
export interface DemoServiceNow {
  /** Instance name, as in `https://<instance>.service-now.com`. */
  instance: string;
  users: DemoServiceNowUser[];
  groups: DemoServiceNowGroup[];
  /** In creation order. */
  incidents: DemoServiceNowIncident[];
  journal: DemoJournalEntry[];
  /** The number the next created incident gets (`INC` + 7 digits). */
  nextIncidentNumber: number;
}
