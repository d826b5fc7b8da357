/**
 * The incident a channel is about, read from its name ("incident-4211-adele", "INC 4211 – phishing"), so
 * "what's new?" in an incident channel needs no id. Returns undefined when the name links none.
 */
const pattern = /\b(?:incident|inc)[\s_#-]*(\d{1,9})\b/i;

export function linkedIncident(conversationName: string | undefined): string | undefined {
  if (!conversationName) return undefined;
  return pattern.exec(conversationName.slice(0, 256))?.[1];
}
