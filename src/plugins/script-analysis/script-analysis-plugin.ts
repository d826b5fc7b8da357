/**
 * The script-analysis plugin: one read skill that takes a command line or script as text and says what it
 * does (decoded layers, behaviours with MITRE techniques, indicators, a verdict). It runs on Ward itself: no
 * service, no network, nothing executed — so it is always healthy and never fails as a source.
 */
import { z } from 'zod/v4';
import { defineSkill, type Plugin } from '../types.js';
import { analyzeScript } from './analyze-script.js';

/** Longest text analysed: a long script, well beyond a command line (Windows allows 32,767 characters). */
export const MAX_SCRIPT_CHARS = 40_000;

/** Creates the `script-analysis` plugin. */
export function createScriptAnalysisPlugin(): Plugin {
  return {
    name: 'script-analysis',
    displayName: 'Ward script analysis',
    version: '0.1.0',
    skills: [
      defineSkill({
        name: 'analyze',
        description:
          'Decodes and explains a command line or script (PowerShell -EncodedCommand, base64, obfuscation): what it does, its indicators and a verdict. Never runs it.',
        input: z.object({ text: z.string().min(1).max(MAX_SCRIPT_CHARS) }),
        async run(input) {
          return { data: analyzeScript(input.text), requests: ['analysed on Ward (not executed)'] };
        },
      }),
    ],
    actions: [],
    health: async () => ({ ok: true }),
  };
}
