/**
 * A click on a proposed action, from load to execution: the only way anything in a tenant changes.
 * load → same conversation? → state and expiry → the clicker's roles → the exception list → confirmation
 * (destructive) → the two-person rule (approval by someone else) → an exactly-once claim in the database →
 * execution in the background with an idempotency key → result. Every step, refusals included, is appended
 * to the tamper-evident audit log. Host-neutral: the host turns outcomes into cards and updates them.
 * Nothing proposed by a planner or a model reaches `run` without passing through here.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ActionChoice, Role } from '../../plugins/types.js';
import type { Store } from '../../store/create-store.js';
import type { ExecutionResult, PendingActionRow } from '../../store/pending-actions.js';
import { WardError } from '../errors.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { buildImpactPreview, type ImpactPreview } from './build-impact-preview.js';
import type { ProtectedAccounts } from './protected-accounts.js';
import { type RoleResolver, satisfies } from './resolve-roles.js';

export interface ActionClick {
  pendingActionId: string;
  /** The conversation the click came from: a button only works where its answer was given. */
  conversationId: string;
  tenantId?: string;
  clicker: { aadObjectId?: string; name?: string };
  /** `confirm` from the confirmation card, `cancel` from it, else a first click. */
  step?: 'confirm' | 'cancel';
  /** Values of inputs on the confirmation card (e.g. `{ reason: 'benign' }`); checked against the action's choice. */
  choices?: Record<string, string>;
}

export type ClickOutcome =
  | { kind: 'refused'; reason: string; pending?: PendingActionRow }
  | {
      kind: 'confirm';
      pending: PendingActionRow;
      action: { title: string; description: string; choice?: ActionChoice };
      preview: ImpactPreview;
      needsApproval: boolean;
      roles: Role[];
    }
  | { kind: 'awaiting-approval'; pending: PendingActionRow }
  | { kind: 'cancelled'; pending: PendingActionRow }
  | { kind: 'unchanged'; pending: PendingActionRow; reason: string }
  | { kind: 'executing'; pending: PendingActionRow; completion: Promise<CompletedAction> };

export interface CompletedAction {
  pending: PendingActionRow;
  /** Sent only to the clicker (e.g. a temporary password), never to the shared card or the log. */
  privateNote?: string;
}

export interface ActionClickHandlerOptions {
  store: Store;
  registry: PluginRegistry;
  roles: RoleResolver;
  protectedAccounts: ProtectedAccounts;
  twoPersonRule: 'privileged' | 'all' | 'off';
  log: Logger;
  /** Longest an action may run before it is recorded as failed. */
  executionTimeoutMs?: number;
  now?: () => Date;
}

export interface ActionClickHandler {
  handle(click: ActionClick): Promise<ClickOutcome>;
}

const DONE: ReadonlySet<string> = new Set(['succeeded', 'failed']);

export function createActionClickHandler(options: ActionClickHandlerOptions): ActionClickHandler {
  const { store, registry, log } = options;
  const now = options.now ?? (() => new Date());

  async function audit(
    event: Parameters<Store['audit']['append']>[0]['event'],
    click: ActionClick,
    pending: PendingActionRow | undefined,
    extra: { roles?: Role[]; reason?: string; result?: ExecutionResult } = {},
  ): Promise<void> {
    const answer = pending ? await store.answers.get(pending.answerId).catch(() => undefined) : undefined;
    await store.audit.append({
      event,
      tenantId: click.tenantId ?? null,
      conversationId: click.conversationId,
      actor: click.clicker.aadObjectId
        ? {
            aadObjectId: click.clicker.aadObjectId,
            name: click.clicker.name ?? null,
            roles: extra.roles ?? [],
          }
        : null,
      pendingActionId: pending?.id ?? null,
      action: pending?.action ?? null,
      target: pending?.target ?? null,
      inputs: pending ? { userId: pending.target.id, ...pending.input } : null,
      answerId: pending?.answerId ?? null,
      sources: answer?.sources ?? null,
      reason: extra.reason ?? (event === 'clicked' ? pending?.why : null) ?? null,
      result: extra.result ?? null,
      requestIds: extra.result?.requestIds ?? null,
    });
  }

  async function refuse(
    click: ActionClick,
    pending: PendingActionRow | undefined,
    reason: string,
    roles?: Role[],
  ) {
    await audit('refused', click, pending, { reason, roles });
    log.warn(
      { pendingActionId: click.pendingActionId, clicker: click.clicker.aadObjectId, reason },
      'action refused',
    );
    return { kind: 'refused', reason, pending } as const;
  }

  function execute(click: ActionClick, claimed: PendingActionRow, roles: Role[]): Promise<CompletedAction> {
    const registered = registry.action(claimed.action);
    return (async () => {
      let result: ExecutionResult;
      let privateNote: string | undefined;
      const idempotencyKey = claimed.idempotencyKey ?? randomUUID();
      try {
        if (!registered)
          throw new WardError(
            'unknown_action',
            `No action called ${claimed.action} is available in this deployment.`,
          );
        const input = registered.action.input.parse({ userId: claimed.target.id, ...claimed.input });
        const output = await registered.action.run(input, {
          signal: AbortSignal.timeout(options.executionTimeoutMs ?? 60_000),
          tenantId: click.tenantId,
          idempotencyKey,
        });
        const data = output.data as { message?: string; secret?: string };
        privateNote = data.secret;
        result = {
          ok: true,
          message: data.message ?? `${registered.action.title} done.`,
          requestIds: output.requests,
        };
      } catch (error) {
        const message = WardError.isInstance(error) ? error.message : 'The action failed unexpectedly.';
        log.error({ err: error, pendingActionId: claimed.id, action: claimed.action }, 'action failed');
        result = { ok: false, message, requestIds: [`client-request-id ${idempotencyKey}`] };
      }
      const finished = (await store.pendingActions.finishExecution(claimed.id, result, now())) ?? claimed;
      await audit(result.ok ? 'succeeded' : 'failed', click, finished, { roles, result });
      return { pending: finished, privateNote };
    })();
  }

  return {
    async handle(click) {
      const pending = await store.pendingActions.get(click.pendingActionId);
      if (!pending || pending.conversationId !== click.conversationId) {
        return refuse(
          click,
          undefined,
          'Ward has no such action for this conversation: nothing was changed.',
        );
      }
      const actor = { aadObjectId: click.clicker.aadObjectId ?? '', name: click.clicker.name ?? null };
      if (DONE.has(pending.status) || pending.status === 'executing') {
        return { kind: 'unchanged', pending, reason: describeState(pending) };
      }
      if (pending.status === 'cancelled' || pending.status === 'expired' || pending.status === 'refused') {
        return { kind: 'unchanged', pending, reason: describeState(pending) };
      }
      if (pending.expiresAt.getTime() <= now().getTime()) {
        await store.pendingActions.markExpired(now());
        await audit('expired', click, pending, { reason: 'clicked after expiry' });
        return {
          kind: 'unchanged',
          pending: { ...pending, status: 'expired' },
          reason: 'This button expired: nothing was changed. Ask again for fresh buttons.',
        };
      }

      const registered = registry.action(pending.action);
      if (!registered)
        return refuse(click, pending, `${pending.action} is not available in this deployment.`);
      const signal = AbortSignal.timeout(4_000);
      const { roles, warning } = await options.roles.rolesOf(click.clicker.aadObjectId, signal);
      await audit('clicked', click, pending, { roles });

      if (click.step === 'cancel') {
        const cancelled = await store.pendingActions.cancel(pending.id, actor, now());
        if (!cancelled)
          return {
            kind: 'unchanged',
            pending,
            reason: describeState((await store.pendingActions.get(pending.id)) ?? pending),
          };
        await audit('cancelled', click, cancelled, { roles });
        return { kind: 'cancelled', pending: cancelled };
      }

      const approving = pending.status === 'awaiting-approval';
      const required: Role = approving ? 'approver' : registered.action.requiredRole;
      if (!satisfies(roles, required)) {
        const held = roles.length ? `you hold ${roles.join(', ')}` : 'you hold no Ward role';
        return refuse(
          click,
          pending,
          `${approving ? 'Approving' : registered.action.title} needs the ${required} role; ${held}.${warning ? ` ${warning}` : ''}`,
          roles,
        );
      }
      if (approving && pending.requestedBy?.aadObjectId === actor.aadObjectId) {
        return refuse(
          click,
          pending,
          'The two-person rule needs a different approver: you requested this action.',
          roles,
        );
      }

      const preview =
        pending.target.kind === 'user'
          ? await buildImpactPreview(registry, pending.target.id, signal)
          : undefined;
      const protectedReason = options.protectedAccounts.check({
        id: pending.target.id,
        userPrincipalName: preview?.user?.userPrincipalName,
      });
      if (protectedReason) return refuse(click, pending, protectedReason, roles);

      const needsApproval =
        options.twoPersonRule === 'all' ||
        (options.twoPersonRule === 'privileged' &&
          (pending.action === 'entra.disableAccount' ||
            // Changes to the identity of someone holding a directory role; a ticket about them is not one.
            (pending.action.startsWith('entra.') && (preview?.roles.length ?? 0) > 0)));

      const choice = registered.action.choice;
      const chosen = choice ? click.choices?.[choice.id] : undefined;
      const validChoice = !choice || choice.options.some((option) => option.value === chosen);
      if (
        !approving &&
        (registered.action.destructive || choice) &&
        (click.step !== 'confirm' || !validChoice)
      ) {
        await audit('confirmation-shown', click, pending, { roles });
        return {
          kind: 'confirm',
          pending,
          action: { title: registered.action.title, description: registered.action.description, choice },
          preview: preview ?? { groups: [], roles: [], devices: [], failures: [] },
          needsApproval,
          roles,
        };
      }
      let current = pending;
      if (!approving && choice && chosen) {
        current = (await store.pendingActions.mergeInput(pending.id, { [choice.id]: chosen })) ?? pending;
        await audit('clicked', click, current, { roles, reason: `${choice.label} ${chosen}` });
      }
      if (!approving && needsApproval) {
        const requested = await store.pendingActions.requestApproval(pending.id, actor, now());
        if (!requested)
          return {
            kind: 'unchanged',
            pending,
            reason: describeState((await store.pendingActions.get(pending.id)) ?? pending),
          };
        await audit('approval-requested', click, requested, { roles });
        return { kind: 'awaiting-approval', pending: requested };
      }

      const idempotencyKey = randomUUID();
      const claimed = approving
        ? await store.pendingActions.approveAndClaim(pending.id, actor, idempotencyKey, now())
        : await store.pendingActions.claimForExecution(pending.id, actor, idempotencyKey, now());
      if (!claimed) {
        const latest = (await store.pendingActions.get(current.id)) ?? current;
        return { kind: 'unchanged', pending: latest, reason: describeState(latest) };
      }
      if (approving) await audit('approved', click, claimed, { roles });
      await audit('executing', click, claimed, { roles });
      return { kind: 'executing', pending: claimed, completion: execute(click, claimed, roles) };
    },
  };
}

/** The state of an action in one sentence, for a click that changes nothing. */
export function describeState(pending: PendingActionRow): string {
  const who = (actor: { name: string | null } | null) => actor?.name ?? 'someone';
  const at = (date: Date | null) => (date ? ` at ${date.toISOString().slice(11, 16)} UTC` : '');
  switch (pending.status) {
    case 'succeeded':
      return `Already done by ${who(pending.executedBy)}${at(pending.finishedAt)}: ${pending.result?.message ?? ''}`.trim();
    case 'failed':
      return `Already tried by ${who(pending.executedBy)}${at(pending.finishedAt)} and it failed: ${pending.result?.message ?? ''}`.trim();
    case 'executing':
      return `Already running, started by ${who(pending.executedBy)}${at(pending.startedAt)}.`;
    case 'awaiting-approval':
      return `Waiting for approval; requested by ${who(pending.requestedBy)}${at(pending.requestedAt)}.`;
    case 'cancelled':
      return `Cancelled by ${who(pending.cancelledBy)}${at(pending.finishedAt)}: nothing was changed.`;
    case 'expired':
      return 'This button expired: nothing was changed. Ask again for fresh buttons.';
    case 'refused':
      return 'This action was refused: nothing was changed.';
    default:
      return 'Nothing was changed.';
  }
}
