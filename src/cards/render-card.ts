/**
 * Renders a card: loads the templates in `adaptiveCards/` once, expands one with a view-model using
 * adaptivecards-templating, and tidies the result (no empty collections, no leftover template keys).
 * It must never build card JSON by hand or evaluate anything from the data: views are plain, pre-escaped
 * values, and the templating engine treats `${...}` inside data strings as literal text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The engine's own entry, not the package root: the root's types re-export `json-schema-card.d.ts`, which
// imports `adaptivecards/src/schema` (TypeScript sources, not declarations) and breaks `tsc`.
import * as ACData from 'adaptivecards-templating/lib/template-engine.js';
import { z } from 'zod/v4';
import { WardError } from '../core/errors.js';
import type { AnswerCardView } from './answer-card-view.js';
import type { AuditCardView } from './audit-card-view.js';
import type { ConfirmActionCardView } from './confirm-action-card-view.js';
import type { FeedbackReportCardView } from './feedback-report-card-view.js';
import type { FeedbackRetryCardView } from './feedback-retry-card-view.js';
import type { HelpCardView } from './help-card-view.js';
import type { NoticeCardView } from './notice-card-view.js';
import type { SourceRerunCardView } from './source-rerun-card-view.js';
import type { UsageCardView } from './usage-card-view.js';

/** An Adaptive Card as sent to Teams (an attachment's `content`). */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
};

/** The view-model each template binds to. */
export interface CardViews {
  answer: AnswerCardView;
  audit: AuditCardView;
  'confirm-action': ConfirmActionCardView;
  'feedback-report': FeedbackReportCardView;
  'feedback-retry': FeedbackRetryCardView;
  help: HelpCardView;
  notice: NoticeCardView;
  'source-rerun': SourceRerunCardView;
  usage: UsageCardView;
}

/** A template in `adaptiveCards/`, by file name without `.json`. */
export type CardTemplateName = keyof CardViews;

const templateNames: readonly CardTemplateName[] = [
  'answer',
  'audit',
  'confirm-action',
  'feedback-report',
  'feedback-retry',
  'help',
  'notice',
  'source-rerun',
  'usage',
];

/**
 * `adaptiveCards/` at the repository root. This module sits two levels below the root both as
 * `src/cards/render-card.ts` (tsx, vitest) and as `dist/cards/render-card.js` (after `npm run build`).
 */
export const cardTemplatesDirectory: string = fileURLToPath(new URL('../../adaptiveCards/', import.meta.url));

const templateFileSchema = z.looseObject({
  type: z.literal('AdaptiveCard'),
  version: z.literal('1.5'),
  body: z.array(z.unknown()),
});

const renderedCardSchema = z.looseObject({
  type: z.literal('AdaptiveCard'),
  version: z.string(),
  body: z.array(z.unknown()),
  actions: z.array(z.unknown()).optional(),
});

/** Marks a field the template used but the view did not define; control characters never survive escaping. */
const unboundMarker = '\u0000ward-unbound:';

let loadedTemplates: ReadonlyMap<CardTemplateName, ACData.Template> | undefined;

/**
 * Reads and checks every template now rather than on the first message; call it at start-up so a broken
 * template stops Ward before it serves anyone. Idempotent.
 * @throws WardError `card_render_failed` naming the template that is missing or malformed.
 */
export function preloadCardTemplates(): void {
  loadTemplates();
}

/**
 * Expands a template with its view-model and returns the card. The view must come from the matching
 * `to*CardView` function, which escapes tenant text.
 * @throws WardError `card_render_failed` naming the template when it cannot be loaded or expanded, or when it
 *   uses a field the view does not define.
 */
export function renderCard<Name extends CardTemplateName>(
  templateName: Name,
  data: CardViews[Name],
): AdaptiveCard {
  const template = loadTemplates().get(templateName);
  if (template === undefined) {
    throw new WardError('card_render_failed', `There is no card template called "${templateName}".`);
  }
  let expanded: unknown;
  const previousSubstitution = ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString;
  // The engine's default writes "${path}" for a missing field; mark it instead, to fail loudly below.
  // Expansion is synchronous, so no other expansion can observe this setting.
  ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = (path) => `${unboundMarker}${path}\u0000`;
  try {
    expanded = template.expand({ $root: data });
  } catch (error) {
    throw new WardError(
      'card_render_failed',
      `The "${templateName}" card could not be drawn: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  } finally {
    ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = previousSubstitution;
  }
  const unbound = findUnboundField(expanded);
  if (unbound !== undefined) {
    throw new WardError(
      'card_render_failed',
      `The "${templateName}" card template uses "${unbound}", which its view does not define.`,
    );
  }
  const card = tidy(expanded);
  // Checked, not parsed: the card keeps the template's key order (`type`, `$schema`, `version` first).
  const checked = renderedCardSchema.safeParse(card);
  if (!checked.success) {
    throw new WardError('card_render_failed', `The "${templateName}" card template did not produce a card.`, {
      cause: checked.error,
    });
  }
  return card as AdaptiveCard;
}

function loadTemplates(): ReadonlyMap<CardTemplateName, ACData.Template> {
  if (loadedTemplates !== undefined) return loadedTemplates;
  const templates = new Map<CardTemplateName, ACData.Template>();
  for (const name of templateNames) {
    const file = `${cardTemplatesDirectory}${name}.json`;
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(file, 'utf8'));
      templateFileSchema.parse(payload); // checked, not replaced: zod would move `$schema` after `body`
    } catch (error) {
      throw new WardError(
        'card_render_failed',
        `The "${name}" card template (${file}) is missing or is not an Adaptive Card 1.5 template.`,
        { cause: error },
      );
    }
    templates.set(name, new ACData.Template(payload));
  }
  loadedTemplates = templates;
  return templates;
}

/** The path of the first field the template used without a value, if any. */
function findUnboundField(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const start = value.indexOf(unboundMarker);
    if (start < 0) return undefined;
    const end = value.indexOf('\u0000', start + unboundMarker.length);
    return value.slice(start + unboundMarker.length, end < 0 ? undefined : end);
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnboundField(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) {
      const found = findUnboundField(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The collection an element cannot be drawn without. */
const requiredCollections: Readonly<Record<string, string>> = {
  Container: 'items',
  ActionSet: 'actions',
  FactSet: 'facts',
  ColumnSet: 'columns',
  Table: 'rows',
  TableRow: 'cells',
};

/**
 * Drops what a hidden section leaves behind: nulls, empty arrays (except a card's `body`), template keys
 * other than `$schema`, and elements whose required collection ended up empty.
 */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(tidy).filter((item) => item !== undefined && item !== null && !isHollowElement(item));
  }
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    if (key.startsWith('$') && key !== '$schema') continue;
    const cleaned = tidy(item);
    if (cleaned === undefined || cleaned === null) continue;
    if (
      Array.isArray(cleaned) &&
      cleaned.length === 0 &&
      !(key === 'body' && source.type === 'AdaptiveCard')
    ) {
      continue;
    }
    result[key] = cleaned;
  }
  return result;
}

function isHollowElement(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const element = item as Record<string, unknown>;
  const required = typeof element.type === 'string' ? requiredCollections[element.type] : undefined;
  return required !== undefined && !Array.isArray(element[required]);
}
