/**
 * Works around botbuilder 4.23.3 dropping every field of an outgoing activity's `entities` except `type`,
 * `text` and `mentioned` (microsoft/botbuilder-js#4902): its connector serializer, since the move to
 * `@azure/core-client`, only keeps extra fields the `Entity` model itself allows. A Teams stream needs them:
 * without `streamType`, `streamSequence` and `streamId` in the `streaminfo` entity Teams refuses the first
 * update ("Only start streaming and continue streaming types are allowed as a typing activity"). This applies
 * the upstream fix (microsoft/botbuilder-js#4903, unreleased as of 4.23.3): the `Entity` model accepts extra
 * fields, as the Bot Framework activity spec says it does. Delete this module once botbuilder ships the fix.
 * It changes nothing else about serialization.
 */
import { Entity } from 'botframework-connector/lib/connectorApi/models/mappers.js';

/** Lets outgoing activities keep their entities' own fields (idempotent; process-wide). */
export function keepEntityFields(): void {
  Entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
