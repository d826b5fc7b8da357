/**
 * Builds the whole demo tenant state from a seed and an instant: directory, authentication methods,
 * background sign-ins, the stories (Adele, Megan, Alex; Diego and Lynne are told by their directory data),
 * background risk, and the Graph resources around them (groups, roles, Conditional Access, Intune, Defender
 * XDR, audit log, Lifecycle Workflows with the HR dates they trigger on). Same seed and same instant give the
 * same state, byte for byte; ids depend on the seed only.
 * It never reads the clock or any outside input: the caller passes both.
 */
import type { DemoTenantState } from '../demo-tenant-state.js';
import { DEMO_DOMAIN, DEMO_TENANT_ID, SOC_TEAM, STORY_PEOPLE } from './people.js';
import { seedAuthenticationMethods } from './seed-authentication-methods.js';
import { seedBackgroundRisk } from './seed-background-risk.js';
import type { SeedContext } from './seed-context.js';
import { seedDirectory } from './seed-directory.js';
import { seedGraphResources } from './seed-graph-resources.js';
import { seedLifecycleWorkflows, withLifecycleDates } from './seed-lifecycle.js';
import { seedBackgroundSignIns } from './seed-sign-ins.js';
import { seedTenantServices } from './seed-tenant-services.js';
import { SeededRandom } from './seeded-random.js';
import { seedAdeleVanceStory } from './story-adele-vance.js';
import { seedAlexWilberStory } from './story-alex-wilber.js';
import { seedMeganBowenStory } from './story-megan-bowen.js';

/** The seed used when none is given. */
export const DEFAULT_DEMO_SEED = 4211;

/** The full tenant for `seed`, with every timestamp relative to `anchorMs`. */
export function seedTenant(seed: number, anchorMs: number): DemoTenantState {
  const stream = (label: string) => SeededRandom.stream(seed, label);
  // The lifecycle story only adds HR dates to people already seeded: it draws nothing (see seed-lifecycle.ts).
  const people = withLifecycleDates(seedDirectory(stream('directory'), anchorMs), anchorMs);
  const context = (label: string): SeedContext => ({ random: stream(label), anchorMs, people });
  const authenticationMethods = seedAuthenticationMethods(people, stream('authentication-methods'), anchorMs);
  const named = new Set([...Object.values(STORY_PEOPLE), ...Object.values(SOC_TEAM)].map((p) => p.id));
  const background = seedBackgroundSignIns(stream('sign-ins'), people, named, anchorMs);
  // Each story draws from its own stream: its ids depend on the seed only, not on the instant.
  const stories = [
    seedAdeleVanceStory(context('story:adele')),
    seedMeganBowenStory(context('story:megan')),
    seedAlexWilberStory(context('story:alex')),
    seedBackgroundRisk(context('background-risk')),
  ];

  const signIns = [...background, ...stories.flatMap((s) => s.signIns)];
  signIns.sort((a, b) =>
    a.createdDateTime < b.createdDateTime
      ? 1
      : a.createdDateTime > b.createdDateTime
        ? -1
        : a.id < b.id
          ? -1
          : 1,
  );
  const riskDetections = stories.flatMap((s) => s.riskDetections);
  riskDetections.sort((a, b) =>
    a.detectedDateTime < b.detectedDateTime ? 1 : a.detectedDateTime > b.detectedDateTime ? -1 : 0,
  );
  const riskyUsers = stories.flatMap((s) => s.riskyUsers);
  riskyUsers.sort((a, b) => (a.riskLastUpdatedDateTime < b.riskLastUpdatedDateTime ? 1 : -1));
  // Groups, roles, Conditional Access, Intune, Defender XDR, audit log; break-glass accounts join the directory.
  const { extraUsers, extraAuthenticationMethods, ...graphResources } = seedGraphResources(
    context,
    riskyUsers,
  );

  return {
    seed,
    tenantId: DEMO_TENANT_ID,
    domain: DEMO_DOMAIN,
    anchorMs,
    users: [...people, ...extraUsers],
    riskyUsers,
    riskDetections,
    signIns,
    authenticationMethods: new Map([...authenticationMethods, ...extraAuthenticationMethods]),
    ...graphResources,
    lifecycleWorkflows: seedLifecycleWorkflows(anchorMs),
    // Defender for Cloud (ARM), the Sentinel workspace and ServiceNow; the workspace restates Graph's records.
    ...seedTenantServices(stream, {
      anchorMs,
      tenantId: DEMO_TENANT_ID,
      users: people,
      signIns,
      riskDetections,
      ...graphResources,
    }),
  };
}
