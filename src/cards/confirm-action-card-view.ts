/**
 * View-model for the confirmation card (`adaptiveCards/confirm-action.json`) shown only to the analyst who
 * clicked a destructive action, before anything runs: what the action does, to whom, what it would touch
 * (account state, groups, directory roles, recent sign-ins, devices), what could not be checked, why Ward
 * proposed it, and whether a second person must approve. Confirm and Cancel carry the pending action id and
 * the step, nothing else.
 * It must never build card JSON, read the clock, or let tenant text reach the card unescaped.
 */
import { escapeCardText, sanitizePlainText } from './escape-card-text.js';
import { formatCardTime } from './format-card-time.js';

/** Everything the confirmation card shows. */
export interface ConfirmActionCardInput {
  pendingActionId: string;
  /** "Reset password". */
  actionTitle: string;
  /** What the action does, one sentence. */
  actionDescription: string;
  /** `kind` other than `user` (e.g. an Azure resource): no account facts, the id shown as such. */
  target: { displayName: string; id: string; userPrincipalName?: string; kind?: string };
  /** What the action runs with besides its target (e.g. the owner to assign), shown as facts. */
  details?: readonly { label: string; value: string }[];
  /** Why the answer proposed the action. */
  why: string;
  /** The analyst who clicked, and their Ward roles. */
  clicker: { name: string; roles: string[] };
  /** What the action would touch, as far as Ward could check. */
  preview: {
    accountEnabled?: boolean;
    /** Group display names; the first {@link previewListLimit} are listed, then "+N more". */
    groups: string[];
    /** Directory roles held, e.g. "Global Administrator"; shown as a warning. */
    roles: string[];
    /** Successful sign-ins in the last 24 h: a proxy for active sessions. */
    recentSignIns24h?: number;
    devices: string[];
    /** What could not be checked, e.g. "Group membership (Microsoft Graph throttled)". */
    failures: string[];
  };
  /** Two-person rule: a second person with the approver role must approve after the clicker confirms. */
  needsApproval: boolean;
  /** A choice the analyst must make before confirming (submitted with Confirm under `id`). */
  choice?: { id: string; label: string; options: readonly { value: string; title: string }[] };
  expiresAt: Date;
  /** The time the card is drawn; the expiry is shown relative to it. */
  now: Date;
}

/** A titled list on the confirmation card; an empty `items` hides it. */
export interface ConfirmActionListView {
  heading: string;
  items: { text: string }[];
  /** "+N more", or empty when every item is listed. */
  more: string;
}

/** What `adaptiveCards/confirm-action.json` binds to. Strings from the tenant are already escaped. */
export interface ConfirmActionCardView {
  /** Sent back by Confirm and Cancel; never shown. */
  pendingActionId: string;
  /** "Confirm: Reset password for Adele Vance". */
  title: string;
  description: string;
  facts: { title: string; value: string }[];
  /** Directory roles held by the target, drawn in attention colour. */
  roles: ConfirmActionListView;
  groups: ConfirmActionListView;
  devices: ConfirmActionListView;
  /** What could not be checked; an empty `items` hides the warning. */
  failures: ConfirmActionListView;
  why: string;
  /** "Requested by Patti Fernandez (responder)". */
  requestedBy: string;
  /** Empty hides the two-person-rule note. */
  approvalNote: string;
  /** "Expires 2026-11-24 14:15 UTC · in 10 min". */
  expiry: string;
  /** A required choice, submitted with Confirm; `show: false` hides it. */
  choice: { show: boolean; id: string; label: string; options: { title: string; value: string }[] };
}

/** How many groups or devices are listed before "+N more". */
export const previewListLimit = 10;

/** The two-person-rule note shown when the action needs approval. */
export const approvalNoteText = 'After you confirm, a second person with the approver role must approve.';

/** Builds the confirmation card's view-model. Pure: the same input always gives the same view. */
export function toConfirmActionCardView(input: ConfirmActionCardInput): ConfirmActionCardView {
  const { target, preview } = input;
  const id = sanitizePlainText(target.id, { maxLength: 200 });
  const upn =
    target.userPrincipalName === undefined
      ? ''
      : sanitizePlainText(target.userPrincipalName, { maxLength: 200 });
  const name = sanitizePlainText(target.displayName, { maxLength: 120 });
  const targetName = name !== '' ? name : upn !== '' ? upn : id;
  const actionTitle = sanitizePlainText(input.actionTitle, { maxLength: 80 });
  const facts: { title: string; value: string }[] = [
    { title: 'Target', value: escapeCardText(targetName, { maxLength: 120 }) },
  ];
  if (upn !== '' && upn !== targetName) {
    facts.push({ title: 'Sign-in name', value: escapeCardText(upn, { maxLength: 200 }) });
  }
  const isUser = (target.kind ?? 'user') === 'user';
  facts.push({ title: isUser ? 'Object id' : 'Id', value: escapeCardText(id, { maxLength: 200 }) });
  for (const detail of input.details ?? []) {
    facts.push({
      title: escapeCardText(detail.label, { maxLength: 60 }),
      value: escapeCardText(detail.value, { maxLength: 300 }),
    });
  }
  if (isUser)
    facts.push(
      {
        title: 'Account',
        value:
          preview.accountEnabled === undefined ? 'Unknown' : preview.accountEnabled ? 'Enabled' : 'Disabled',
      },
      {
        title: 'Sign-ins (last 24 h)',
        value:
          preview.recentSignIns24h === undefined
            ? 'Unknown'
            : `${preview.recentSignIns24h} successful (a proxy for active sessions)`,
      },
      { title: 'Directory roles', value: String(preview.roles.length) },
      { title: 'Groups', value: String(preview.groups.length) },
      { title: 'Devices', value: String(preview.devices.length) },
    );
  return {
    pendingActionId: input.pendingActionId,
    title: escapeCardText(`Confirm: ${actionTitle} for ${targetName}`, { maxLength: 220 }),
    description: escapeCardText(input.actionDescription, { maxLength: 500, multiline: true }),
    facts,
    roles: previewList(`⚠ Holds ${countNoun(preview.roles.length, 'directory role')}`, preview.roles),
    groups: previewList(`Groups (${preview.groups.length})`, preview.groups),
    devices: previewList(`Devices (${preview.devices.length})`, preview.devices),
    failures: previewList('⚠ Could not check (the preview may be incomplete)', preview.failures),
    why: escapeCardText(input.why, { maxLength: 1000, multiline: true }),
    requestedBy:
      input.clicker.roles.length === 0
        ? `Requested by ${escapeCardText(input.clicker.name, { maxLength: 120 })}`
        : `Requested by ${escapeCardText(input.clicker.name, { maxLength: 120 })} (${escapeCardText(
            input.clicker.roles.join(', '),
            { maxLength: 200 },
          )})`,
    approvalNote: input.needsApproval ? approvalNoteText : '',
    choice: input.choice
      ? {
          show: true,
          id: sanitizePlainText(input.choice.id, { maxLength: 40 }),
          label: escapeCardText(input.choice.label, { maxLength: 200 }),
          options: input.choice.options.map((option) => ({
            title: sanitizePlainText(option.title, { maxLength: 120 }),
            value: sanitizePlainText(option.value, { maxLength: 60 }),
          })),
        }
      : { show: false, id: 'choice', label: '', options: [] },
    expiry: `${input.expiresAt.getTime() > input.now.getTime() ? 'Expires' : 'Expired'} ${formatCardTime(
      input.expiresAt,
      input.now,
    )}`,
  };
}

/** The first {@link previewListLimit} items, escaped and bulleted, and "+N more" for the rest. */
function previewList(heading: string, values: readonly string[]): ConfirmActionListView {
  const hidden = values.length - previewListLimit;
  return {
    heading,
    items: values
      .slice(0, previewListLimit)
      .map((value) => ({ text: `• ${escapeCardText(value, { maxLength: 200 })}` })),
    more: hidden > 0 ? `+${hidden} more` : '',
  };
}

/** `1 directory role`, `2 directory roles`. */
function countNoun(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
