/**
 * The rules planner's answer to "what does this do?" on a pasted command line or script: the script-analysis
 * skill decodes and reads it (never runs it), and the answer lays out the layers, what it does (with MITRE
 * techniques), the indicators it names, the verdict and what to do next. It proposes no actions: a script
 * in a chat is not evidence that it ran.
 */
import type { ScriptAnalysis } from '../../plugins/script-analysis/analyze-script.js';
import type { AnswerDraft, RiskLevel } from '../answer.js';
import type { PlanInput, PlanOutcome } from './planner.js';

const VERDICT_RISK: Record<ScriptAnalysis['verdict'], RiskLevel> = {
  malicious: 'high',
  suspicious: 'medium',
  'no known-bad behaviour': 'low',
};
const CELL_CHARS = 400;

/** Answers a script question. */
export async function planScript(input: PlanInput): Promise<PlanOutcome> {
  const call = await input.ledger.call<ScriptAnalysis>('script-analysis.analyze', { text: input.turn.text });
  if (!call.ok) {
    return {
      kind: 'answer',
      draft: {
        intent: 'script',
        title: 'Could not analyse the command',
        summary: `${call.error.message} Paste the command line on its own (up to 40,000 characters).`,
        riskLevel: 'unknown',
        planner: 'rules',
        sources: input.ledger.sources(),
      },
    };
  }
  return { kind: 'answer', draft: scriptAnswer(call.data, call.sourceId, input) };
}

function scriptAnswer(analysis: ScriptAnalysis, sourceId: string, input: PlanInput): AnswerDraft {
  const { behaviours, indicators, layers } = analysis;
  const interpreter = analysis.interpreter ? label(analysis.interpreter) : 'Command';
  const decoded = layers.length - 1;
  const strongest = [...behaviours].sort((a, b) => b.weight - a.weight)[0];
  const does = behaviours.map((behaviour) => behaviour.title.toLowerCase());
  const where = indicators.urls[0] ?? indicators.ips[0];
  const summary = [
    decoded
      ? `Ward peeled ${decoded} layer${decoded === 1 ? '' : 's'} (${unique(layers.slice(1).map((layer) => layer.step)).join(', ')}).`
      : 'The command is not encoded.',
    does.length
      ? `It ${joinWords(does)}${where ? `, naming ${where}` : ''}.`
      : 'It shows none of the behaviours Ward looks for (downloads, in-memory execution, evasion, persistence, credential theft).',
    `Verdict: ${analysis.verdict}. Nothing was executed: Ward only reads the text.`,
  ].join(' ');
  const indicatorRows = [
    ...indicators.urls.map((value) => ['URL', value]),
    ...indicators.domains.map((value) => ['Domain', value]),
    ...indicators.ips.map((value) => ['IP', value]),
    ...indicators.files.map((value) => ['File', value]),
    ...indicators.registryKeys.map((value) => ['Registry', value]),
  ].slice(0, 25);
  const bad = analysis.verdict !== 'no known-bad behaviour';
  return {
    intent: 'script',
    title: `${interpreter}: ${analysis.verdict}${strongest ? ` — ${strongest.title.toLowerCase()}` : ''}`,
    summary,
    riskLevel: VERDICT_RISK[analysis.verdict],
    facts: [
      { label: 'Interpreter', value: interpreter },
      { label: 'Layers decoded', value: String(decoded) },
      { label: 'Verdict', value: `${analysis.verdict} (score ${analysis.score})` },
    ],
    findings: behaviours.map((behaviour) => ({
      title: behaviour.title,
      detail: `${behaviour.evidence} — MITRE ATT&CK ${behaviour.technique}`,
      severity: behaviour.weight >= 4 ? 'high' : behaviour.weight >= 3 ? 'medium' : 'low',
      citations: [sourceId],
    })),
    evidence: [
      ...(decoded
        ? [
            {
              title: 'How Ward decoded it',
              columns: ['Step', 'Text'],
              rows: layers.map((layer) => [layer.step, cut(layer.text, CELL_CHARS)]),
              citations: [sourceId],
            },
          ]
        : []),
      ...(indicatorRows.length
        ? [
            {
              title: 'Indicators it names',
              columns: ['Kind', 'Value'],
              rows: indicatorRows,
              citations: [sourceId],
            },
          ]
        : []),
    ],
    remediation: bad
      ? [
          {
            title: 'Find out whether it ran',
            detail:
              'Search process events for this command line (DeviceProcessEvents in Defender or Sentinel) and note the devices and users.',
          },
          ...(indicatorRows.length
            ? [
                {
                  title: 'Block what it names',
                  detail:
                    'Add the URLs, domains and IPs as Defender indicators (block) or on the proxy, and hunt for other devices that contacted them.',
                },
              ]
            : []),
          {
            title: 'If it ran: contain',
            detail:
              'Isolate the device, collect an investigation package, and reset the credentials of the user who ran it.',
          },
        ]
      : [],
    guidance: [
      'Constrained Language Mode, AMSI and script block logging (Event ID 4104) make encoded PowerShell far easier to catch.',
    ],
    followUps: [
      ...indicators.ips.slice(0, 1).map((ip) => `check ${ip}`),
      ...indicators.domains.slice(0, 1).map((domain) => `is ${domain} malicious?`),
    ],
    sources: input.ledger.sources(),
    planner: 'rules',
  };
}

function label(interpreter: string): string {
  return interpreter === 'powershell' ? 'PowerShell' : interpreter === 'cmd' ? 'cmd.exe' : interpreter;
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
