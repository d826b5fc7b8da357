/**
 * Lifecycle Workflows as Microsoft Graph v1.0 serves them under `/identityGovernance/lifecycleWorkflows/
 * workflows` (`microsoft.graph.identityGovernance.workflow`, its execution conditions and its tasks).
 * Holds data only: it never runs a workflow.
 */

/** `microsoft.graph.identityGovernance.task` */
export interface DemoLifecycleTask {
  id: string;
  displayName: string;
  description: string;
  /** Categories of the task definition, comma-separated, e.g. `joiner,leaver`. */
  category: string;
  taskDefinitionId: string;
  isEnabled: boolean;
  executionSequence: number;
  continueOnError: boolean;
  arguments: { name: string; value: string }[];
}

/** `microsoft.graph.identityGovernance.triggerAndScopeBasedConditions` with a rule scope and a time trigger. */
export interface DemoLifecycleExecutionConditions {
  '@odata.type': '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions';
  scope: { '@odata.type': '#microsoft.graph.identityGovernance.ruleBasedSubjectSet'; rule: string };
  trigger: {
    '@odata.type': '#microsoft.graph.identityGovernance.timeBasedAttributeTrigger';
    /** employeeHireDate | employeeLeaveDateTime | createdDateTime */
    timeBasedAttribute: string;
    offsetInDays: number;
  };
}

/** `microsoft.graph.identityGovernance.workflow` with its tasks (Graph expands them on a single GET). */
export interface DemoLifecycleWorkflow {
  id: string;
  /** joiner | mover | leaver */
  category: string;
  displayName: string;
  description: string;
  isEnabled: boolean;
  isSchedulingEnabled: boolean;
  createdDateTime: string;
  lastModifiedDateTime: string;
  deletedDateTime: null;
  nextScheduleRunDateTime: string | null;
  version: number;
  executionConditions: DemoLifecycleExecutionConditions;
  tasks: DemoLifecycleTask[];
}
