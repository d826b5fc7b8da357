/**
 * Analyses a pasted or alert-attached command line without running it: peels its layers
 * (decode-script-layers.ts), reads what the innermost text does (script-behaviours.ts) and which indicators it
 * names (URLs, IPs, domains, files, registry keys), and rates it. The rating is a weighted sum of behaviours,
 * so each verdict has its reasons. Never executes, evaluates, resolves or fetches anything.
 */
import { isIP } from 'node:net';
import { decodeScriptLayers, type ScriptLayer } from './decode-script-layers.js';
import { findBehaviours, type ScriptBehaviour } from './script-behaviours.js';

export type ScriptVerdict = 'malicious' | 'suspicious' | 'no known-bad behaviour';

/** What Ward found in a script. */
export interface ScriptAnalysis {
  /** Which interpreter the text is for, when it says (`powershell`, `cmd`, `bash`). */
  interpreter?: string;
  layers: ScriptLayer[];
  behaviours: ScriptBehaviour[];
  indicators: { urls: string[]; domains: string[]; ips: string[]; files: string[]; registryKeys: string[] };
  score: number;
  verdict: ScriptVerdict;
}

const URL = /\bhttps?:\/\/[^\s'"`<>)\]]{3,2000}/gi;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const FILE =
  /\b[A-Za-z]:\\[^\s'"`|;<>]{1,260}|%(?:TEMP|APPDATA|LOCALAPPDATA|PUBLIC|PROGRAMDATA)%\\[^\s'"`|;<>]{1,260}|\$env:(?:TEMP|APPDATA|LOCALAPPDATA|PUBLIC)\\[^\s'"`|;<>]{1,260}/gi;
const REGISTRY = /\b(?:HKLM|HKCU|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER):?\\[^\s'"`|;<>]{1,260}/gi;
const INTERPRETERS: readonly [string, RegExp][] = [
  ['powershell', /\b(?:powershell|pwsh)(?:\.exe)?\b|\bIEX\b|New-Object|Invoke-/i],
  ['cmd', /\bcmd(?:\.exe)?\s+\/[ck]\b/i],
  ['bash', /\b(?:bash|sh)\s+-c\b|\|\s*(?:ba)?sh\b/i],
];
const MAX_INDICATORS = 20;

/** Analyses `text` (a command line or a script). */
export function analyzeScript(text: string): ScriptAnalysis {
  const layers = decodeScriptLayers(text);
  const all = layers.map((layer) => layer.text).join('\n');
  const behaviours = findBehaviours(all);
  const score = behaviours.reduce((sum, behaviour) => sum + behaviour.weight, 0);
  const urls = unique(all.match(URL) ?? []).map((url) => url.replace(/[.,;]+$/, ''));
  const domains = unique(
    urls.flatMap((url) => {
      try {
        const host = new globalThis.URL(url).hostname;
        return host && !isIP(host) ? [host.toLowerCase()] : [];
      } catch {
        return [];
      }
    }),
  );
  const ips = unique([
    ...(all.match(IPV4) ?? []).filter((ip) => isIP(ip) === 4),
    ...urls.flatMap((url) => {
      try {
        const host = new globalThis.URL(url).hostname;
        return isIP(host) ? [host] : [];
      } catch {
        return [];
      }
    }),
  ]);
  return {
    interpreter: INTERPRETERS.find(([, pattern]) => pattern.test(all))?.[0],
    layers,
    behaviours,
    indicators: {
      urls: urls.slice(0, MAX_INDICATORS),
      domains: domains.slice(0, MAX_INDICATORS),
      ips: ips.slice(0, MAX_INDICATORS),
      files: unique(all.match(FILE) ?? []).slice(0, MAX_INDICATORS),
      registryKeys: unique(all.match(REGISTRY) ?? []).slice(0, MAX_INDICATORS),
    },
    score,
    verdict: score >= 6 ? 'malicious' : score >= 3 ? 'suspicious' : 'no known-bad behaviour',
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
