/**
 * Microsoft Entra ID Governance's Lifecycle Workflows as Microsoft Graph v1.0 serves them
 * (`/identityGovernance/lifecycleWorkflows/workflows`, `microsoft.graph.identityGovernance.workflow` with its
 * execution conditions and tasks), and the user properties that drive them (`employeeHireDate`,
 * `employeeLeaveDateTime`). One schema for Ward's client and the demo tenant's contract tests. Field shapes
 * follow the public v1.0 reference; enumerations (category, trigger and scope types) stay strings, as Graph
 * adds values over time.
 * It only describes data: it never builds a request or judges a workflow.
 */
import { z } from 'zod/v4';
import { userSchema } from './graph-resources.js';

const nullableString = z.string().nullable().optional();

/** `microsoft.graph.keyValuePair`: a task argument (`groupID`, `cc`, `customSubject` ...). */
export const lifecycleTaskArgumentSchema = z.object({ name: z.string(), value: nullableString });

/** `microsoft.graph.identityGovernance.task`: one step of a workflow, an instance of a task definition. */
export const lifecycleTaskSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  description: nullableString,
  /** Comma-separated categories the task definition supports, e.g. `joiner,leaver`. */
  category: nullableString,
  /** The built-in task definition this task runs (stable across tenants), e.g. "Disable user account". */
  taskDefinitionId: z.string(),
  isEnabled: z.boolean(),
  executionSequence: z.number().int().nullable().optional(),
  continueOnError: z.boolean().nullable().optional(),
  arguments: z.array(lifecycleTaskArgumentSchema).nullable().optional(),
});
export type LifecycleTask = z.infer<typeof lifecycleTaskSchema>;

/**
 * A workflow's trigger: `timeBasedAttributeTrigger` (`timeBasedAttribute`: employeeHireDate,
 * employeeLeaveDateTime or createdDateTime, with `offsetInDays`), `attributeChangeTrigger` (movers:
 * `triggerAttributes`), `membershipChangeTrigger` (`changeType` add/remove) or `userCreatedTrigger`.
 */
export const lifecycleTriggerSchema = z.object({
  '@odata.type': z.string(),
  timeBasedAttribute: nullableString,
  offsetInDays: z.number().int().nullable().optional(),
  triggerAttributes: z
    .array(z.object({ name: z.string() }))
    .nullable()
    .optional(),
  changeType: nullableString,
});
export type LifecycleTrigger = z.infer<typeof lifecycleTriggerSchema>;

/** Who a workflow applies to: `ruleBasedSubjectSet` (`rule`, e.g. `(department eq 'Sales')`) or `groupBasedSubjectSet`. */
export const lifecycleScopeSchema = z.object({
  '@odata.type': z.string(),
  rule: nullableString,
  groups: z
    .array(z.object({ id: z.string(), displayName: nullableString }))
    .nullable()
    .optional(),
});

/**
 * `microsoft.graph.identityGovernance.workflowExecutionConditions`: `triggerAndScopeBasedConditions` (scope
 * and trigger) or `onDemandExecutionOnly` (neither: the workflow only runs when someone runs it).
 */
export const lifecycleExecutionConditionsSchema = z.object({
  '@odata.type': z.string(),
  scope: lifecycleScopeSchema.nullable().optional(),
  trigger: lifecycleTriggerSchema.nullable().optional(),
});
export type LifecycleExecutionConditions = z.infer<typeof lifecycleExecutionConditionsSchema>;

/**
 * `microsoft.graph.identityGovernance.workflow`. The list returns the basic properties; `GET .../workflows/{id}`
 * adds `executionConditions` and the `tasks` (expanded by default), so both are optional here.
 */
export const lifecycleWorkflowSchema = z.object({
  id: z.string(),
  /** joiner | leaver | mover | unknownFutureValue */
  category: z.string(),
  displayName: z.string(),
  description: nullableString,
  isEnabled: z.boolean(),
  /** False: the workflow never runs on the tenant's schedule, only on demand. */
  isSchedulingEnabled: z.boolean(),
  createdDateTime: nullableString,
  lastModifiedDateTime: nullableString,
  nextScheduleRunDateTime: nullableString,
  version: z.number().int().nullable().optional(),
  executionConditions: lifecycleExecutionConditionsSchema.nullable().optional(),
  tasks: z.array(lifecycleTaskSchema).nullable().optional(),
});
export type LifecycleWorkflow = z.infer<typeof lifecycleWorkflowSchema>;

/** A user as the lifecycle questions read them: the profile and the HR dates workflows trigger on. */
export const lifecycleUserSchema = userSchema.extend({
  employeeHireDate: nullableString,
  /** Reading it needs `User-LifeCycleInfo.Read.All` besides `User.Read.All`. */
  employeeLeaveDateTime: nullableString,
});
export type LifecycleUser = z.infer<typeof lifecycleUserSchema>;

/** The user properties Ward selects for lifecycle questions (the HR dates are only returned on `$select`). */
export const LIFECYCLE_USER_SELECT = [
  'id',
  'displayName',
  'userPrincipalName',
  'accountEnabled',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'department',
  'jobTitle',
] as const satisfies readonly (keyof LifecycleUser)[];
