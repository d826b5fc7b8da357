/**
 * Skill `defender-cloud.resourceOwner`: a resource's tags and the owner they name (the email in an `owner`-like
 * tag, the same convention Defender for Cloud governance rules use to assign owners "by resource tag").
 * Read-only. A tag value that is not an email is reported but never used as an owner.
 */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { scopeTagsSchema } from '../../../clients/arm-security-resources.js';
import { defineSkill } from '../../types.js';
import { citedPath, tagsPath } from '../defender-cloud-paths.js';
import { resourceIdSchema } from '../resource-id.js';

/** Tag names read as the owner, most specific first (compared without regard to case). */
export const OWNER_TAGS = [
  'owner',
  'ownerEmail',
  'owner-email',
  'technicalOwner',
  'technicalContact',
  'contact',
];
const EMAIL = /^[^\s@/\\?#'"<>]{1,64}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;

/** A resource's tags and the owner they name. */
export interface CloudResourceOwner {
  resourceId: string;
  tags: Record<string, string>;
  /** The owner's email and the tag it came from; absent when no owner tag holds an email. */
  owner?: { email: string; tag: string };
}

/** The owner named by `tags`, if an owner tag holds an email. */
export function ownerFromTags(tags: Record<string, string>): CloudResourceOwner['owner'] {
  const entries = Object.entries(tags);
  for (const name of OWNER_TAGS) {
    const entry = entries.find(([key]) => key.toLowerCase() === name.toLowerCase());
    const value = entry?.[1].trim();
    if (entry && value && EMAIL.test(value)) return { email: value.toLowerCase(), tag: entry[0] };
  }
  return undefined;
}

/** The `defender-cloud.resourceOwner` skill on `arm`. */
export function resourceOwnerSkill(arm: ArmClient) {
  return defineSkill({
    name: 'resourceOwner',
    description:
      "Gets an Azure resource's tags and the owner they name (the email in an owner tag), who Defender for Cloud recommendations on it can be assigned to.",
    input: z.object({ resourceId: resourceIdSchema }),
    async run(input, context) {
      const path = tagsPath(input.resourceId);
      const tags = await arm.get(path, scopeTagsSchema, { signal: context.signal });
      const values = tags.properties.tags ?? {};
      const data: CloudResourceOwner = {
        resourceId: input.resourceId,
        tags: values,
        owner: ownerFromTags(values),
      };
      return { data, requests: [citedPath('GET', path)] };
    },
  });
}
