/**
 * Zod schemas for the ServiceNow Table API as Ward uses it (the `incident` table), field for field as the
 * REST API reference documents it: every value is a string ("1", "true", "2025-06-11 14:05:00" in UTC), a
 * reference is `{ link, value }` (or a bare sys_id with `sysparm_exclude_reference_link=true`, or "" when
 * empty), and with `sysparm_display_value=true|all` values become `{ display_value, value?, link? }`.
 * One schema, both sides: the ServiceNow client parses real responses with these, and the demo tenant's
 * contract tests parse its own with them. It never fixes choice lists: instances customise them.
 */
import { z } from 'zod/v4';

/** A field as the Table API may write it, in any `sysparm_display_value` mode. */
export const serviceNowFieldValueSchema = z.union([
  z.string(),
  z.object({
    value: z.string().optional(),
    display_value: z.string().nullable().optional(),
    link: z.string().optional(),
  }),
]);

/** Any Table API record, in any display mode: field name → value. */
export const serviceNowRecordSchema = z.record(z.string(), serviceNowFieldValueSchema);
export type ServiceNowRecord = z.infer<typeof serviceNowRecordSchema>;

/** A raw value (`sysparm_display_value=false`): a string, or a reference `{ link, value }` read as its sys_id. */
const rawField = z
  .union([z.string(), z.object({ value: z.string(), link: z.string().optional() })])
  .transform((field) => (typeof field === 'string' ? field : field.value));

/** A sys_id: 32 lowercase hex digits. */
export const sysIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a ServiceNow sys_id is 32 hex digits');

/**
 * An `incident` record with raw values (`sysparm_display_value=false`), references read as sys_ids. Dates are
 * `YYYY-MM-DD HH:mm:ss` in UTC; empty fields are "". Only `sys_id` and `number` are always present (a
 * `sysparm_fields` projection may leave out the rest).
 */
export const serviceNowIncidentSchema = z.object({
  sys_id: sysIdSchema,
  number: z.string(),
  short_description: rawField.optional(),
  description: rawField.optional(),
  /** 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled (instances may add more) */
  state: rawField.optional(),
  /** 1 High, 2 Medium, 3 Low */
  impact: rawField.optional(),
  urgency: rawField.optional(),
  /** 1 Critical .. 5 Planning, computed from impact and urgency */
  priority: rawField.optional(),
  severity: rawField.optional(),
  category: rawField.optional(),
  subcategory: rawField.optional(),
  active: rawField.optional(),
  caller_id: rawField.optional(),
  opened_by: rawField.optional(),
  assigned_to: rawField.optional(),
  assignment_group: rawField.optional(),
  cmdb_ci: rawField.optional(),
  contact_type: rawField.optional(),
  correlation_id: rawField.optional(),
  correlation_display: rawField.optional(),
  opened_at: rawField.optional(),
  resolved_at: rawField.optional(),
  closed_at: rawField.optional(),
  close_code: rawField.optional(),
  close_notes: rawField.optional(),
  sys_created_on: rawField.optional(),
  sys_created_by: rawField.optional(),
  sys_updated_on: rawField.optional(),
  sys_updated_by: rawField.optional(),
  sys_mod_count: rawField.optional(),
});
export type ServiceNowIncident = z.infer<typeof serviceNowIncidentSchema>;

/** An incident number as ServiceNow issues them: `INC` and seven digits (`INC0010001`). */
export const incidentNumberSchema = z.string().regex(/^INC\d{7}$/, 'an incident number is INC and 7 digits');

/**
 * A field read with `sysparm_display_value=all` and `sysparm_exclude_reference_link=true`: `{ display_value,
 * value }`, read as `{ value, display }` (the raw value, and what a person sees: a choice's label, a
 * reference's name). A bare string (an instance or field that ignores the display mode) is both.
 */
export const displayedFieldSchema = z
  .union([
    z.string(),
    z.object({
      value: z.string().nullable().optional(),
      display_value: z.string().nullable().optional(),
      link: z.string().optional(),
    }),
  ])
  .transform((field) =>
    typeof field === 'string'
      ? { value: field, display: field }
      : { value: field.value ?? '', display: field.display_value ?? field.value ?? '' },
  );
export type DisplayedField = z.output<typeof displayedFieldSchema>;

/**
 * An `incident` record read with `sysparm_display_value=all`: every field as `{ value, display }`, so an
 * answer can name the caller and the assignment group without reading `sys_user` and `sys_user_group`.
 * Dates: `value` is UTC (`YYYY-MM-DD HH:mm:ss`); `display` is in the API user's time zone and format, so
 * only `value` is ever read as a time. Only `sys_id` and `number` are always present.
 */
export const serviceNowDisplayedIncidentSchema = z.object({
  sys_id: displayedFieldSchema.pipe(z.object({ value: sysIdSchema, display: z.string() })),
  number: displayedFieldSchema,
  short_description: displayedFieldSchema.optional(),
  description: displayedFieldSchema.optional(),
  state: displayedFieldSchema.optional(),
  impact: displayedFieldSchema.optional(),
  urgency: displayedFieldSchema.optional(),
  priority: displayedFieldSchema.optional(),
  category: displayedFieldSchema.optional(),
  subcategory: displayedFieldSchema.optional(),
  active: displayedFieldSchema.optional(),
  caller_id: displayedFieldSchema.optional(),
  opened_by: displayedFieldSchema.optional(),
  assigned_to: displayedFieldSchema.optional(),
  assignment_group: displayedFieldSchema.optional(),
  contact_type: displayedFieldSchema.optional(),
  correlation_id: displayedFieldSchema.optional(),
  correlation_display: displayedFieldSchema.optional(),
  opened_at: displayedFieldSchema.optional(),
  resolved_at: displayedFieldSchema.optional(),
  closed_at: displayedFieldSchema.optional(),
  close_code: displayedFieldSchema.optional(),
  close_notes: displayedFieldSchema.optional(),
  sys_created_on: displayedFieldSchema.optional(),
  sys_created_by: displayedFieldSchema.optional(),
  sys_updated_on: displayedFieldSchema.optional(),
  sys_updated_by: displayedFieldSchema.optional(),
});
export type ServiceNowDisplayedIncident = z.output<typeof serviceNowDisplayedIncidentSchema>;

/**
 * A `sys_journal_field` record (raw values): one comment (`comments`, seen by the caller) or work note
 * (`work_notes`, internal) written to the record `element_id` of table `name`. `sys_created_by` is the
 * writer's user name, `sys_created_on` UTC.
 */
export const serviceNowJournalEntrySchema = z.object({
  sys_id: sysIdSchema,
  element_id: rawField,
  element: rawField,
  value: rawField,
  name: rawField.optional(),
  sys_created_on: rawField,
  sys_created_by: rawField,
});
export type ServiceNowJournalEntry = z.output<typeof serviceNowJournalEntrySchema>;

/** `{ result: record }`: a single-record answer (GET by sys_id, POST, PUT, PATCH). */
export function serviceNowResultSchema<T extends z.ZodType>(record: T) {
  return z.object({ result: record });
}

/** `{ result: [records] }`: a list answer. */
export function serviceNowListSchema<T extends z.ZodType>(record: T) {
  return z.object({ result: z.array(record) });
}

/** The Table API's error body: `{ error: { message, detail }, status: "failure" }`. */
export const serviceNowErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    detail: z.string().nullable().optional(),
  }),
  status: z.string(),
});
export type ServiceNowError = z.infer<typeof serviceNowErrorSchema>;

const choice = (values: readonly [string, ...string[]]) => z.enum(values);

/** The fields Ward may set when it opens an incident. References (caller, group, CI) take sys_ids. */
export const serviceNowIncidentInputSchema = z
  .object({
    short_description: z.string().trim().min(1).max(160),
    description: z.string().max(4_000).optional(),
    category: z.string().max(40).optional(),
    subcategory: z.string().max(40).optional(),
    impact: choice(['1', '2', '3']).optional(),
    urgency: choice(['1', '2', '3']).optional(),
    caller_id: sysIdSchema.optional(),
    assignment_group: sysIdSchema.optional(),
    assigned_to: sysIdSchema.optional(),
    cmdb_ci: sysIdSchema.optional(),
    contact_type: z.string().max(40).optional(),
    /** The external record this ticket follows, e.g. a Defender XDR incident id. */
    correlation_id: z.string().max(100).optional(),
    correlation_display: z.string().max(100).optional(),
    work_notes: z.string().max(4_000).optional(),
    comments: z.string().max(4_000).optional(),
  })
  .strict();
export type ServiceNowIncidentInput = z.infer<typeof serviceNowIncidentInputSchema>;

/** The fields Ward may change on an incident. */
export const serviceNowIncidentUpdateSchema = serviceNowIncidentInputSchema
  .partial()
  .extend({
    state: choice(['1', '2', '3', '6', '7', '8']).optional(),
    close_code: z.string().max(40).optional(),
    close_notes: z.string().max(4_000).optional(),
  })
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, { message: 'an update needs at least one field' });
export type ServiceNowIncidentUpdate = z.infer<typeof serviceNowIncidentUpdateSchema>;
