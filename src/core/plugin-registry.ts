/**
 * The plugins Ward runs with, looked up by `plugin.skill` reference. Built once in the composition root;
 * refuses duplicate names at construction so a typo in a custom plugin cannot shadow a built-in one.
 */
import type { Action, ActionDescriptor, Plugin, Skill } from '../plugins/types.js';
import { WardError } from './errors.js';

export interface RegisteredSkill {
  plugin: Plugin;
  skill: Skill;
  /** `plugin.skill` */
  ref: string;
}

export interface RegisteredAction {
  plugin: Plugin;
  action: Action;
  /** `plugin.action` */
  ref: string;
}

/** An action as a planner may see it: what it is and what input it takes, with no way to run it. */
export interface DescribedAction extends ActionDescriptor {
  /** `plugin.action` */
  ref: string;
  input: Action['input'];
}

export interface PluginRegistry {
  plugins: readonly Plugin[];
  skill(ref: string): RegisteredSkill | undefined;
  skills(): RegisteredSkill[];
  action(ref: string): RegisteredAction | undefined;
  /**
   * What a planner may know of an action: its title, role, whether it is destructive, its choice — never a
   * way to run it. The question path uses only this; running is the click flow's (`registry.action`).
   */
  describeAction(ref: string): DescribedAction | undefined;
}

export function createPluginRegistry(plugins: readonly Plugin[]): PluginRegistry {
  const byRef = new Map<string, RegisteredSkill>();
  const actions = new Map<string, RegisteredAction>();
  const names = new Set<string>();
  for (const plugin of plugins) {
    if (!/^[a-z][a-z0-9-]*$/.test(plugin.name)) {
      throw new WardError(
        'config_error',
        `Plugin name "${plugin.name}" must be lowercase letters, digits and dashes.`,
      );
    }
    if (names.has(plugin.name))
      throw new WardError('config_error', `Two plugins are named "${plugin.name}".`);
    names.add(plugin.name);
    for (const skill of plugin.skills) {
      const ref = `${plugin.name}.${skill.name}`;
      if (byRef.has(ref))
        throw new WardError('config_error', `Plugin "${plugin.name}" declares skill "${skill.name}" twice.`);
      byRef.set(ref, { plugin, skill, ref });
    }
    for (const action of plugin.actions) {
      const ref = `${plugin.name}.${action.name}`;
      if (actions.has(ref))
        throw new WardError(
          'config_error',
          `Plugin "${plugin.name}" declares action "${action.name}" twice.`,
        );
      actions.set(ref, { plugin, action, ref });
    }
  }
  return {
    plugins,
    skill: (ref) => byRef.get(ref),
    skills: () => [...byRef.values()],
    action: (ref) => actions.get(ref),
    describeAction(ref) {
      const registered = actions.get(ref);
      if (!registered) return undefined;
      const { name, title, description, requiredRole, destructive, choice, input } = registered.action;
      return {
        ref,
        name,
        title,
        description,
        requiredRole,
        destructive,
        input,
        ...(choice ? { choice } : {}),
      };
    },
  };
}
