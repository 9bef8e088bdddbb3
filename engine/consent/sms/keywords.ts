import type { FlatDecision } from '../input';

/** What an inbound text asks for: stop all texts, start them again, or say who is texting. */
export type SmsKeyword = 'opt_out' | 'opt_in' | 'help';

/**
 * The keywords Twilio's own opt-out handling reads (and US carriers expect), so the engine's
 * consent and Twilio's block list agree: texting STOP blocks the number at Twilio too.
 */
const KEYWORDS: ReadonlyMap<string, SmsKeyword> = new Map([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].map((word) => [word, 'opt_out'] as const),
  ...['START', 'UNSTOP', 'YES'].map((word) => [word, 'opt_in'] as const),
  ...['HELP', 'INFO'].map((word) => [word, 'help'] as const),
]);

/** Twilio's `OptOutType` parameter (Advanced Opt-Out), which also covers keywords the account added itself. */
const OPT_OUT_TYPES: ReadonlyMap<string, SmsKeyword> = new Map([
  ['STOP', 'opt_out'],
  ['START', 'opt_in'],
  ['HELP', 'help'],
]);

/**
 * The keyword a message is, or undefined. As with Twilio's handling, only the whole message
 * counts, case and surrounding spaces aside: "Stop" is a keyword, "please stop" is not. When
 * Twilio has already classified the message (`OptOutType`), its reading wins, since its block
 * list follows that reading whatever the text says.
 */
export function smsKeywordOf(body: string, optOutType?: string): SmsKeyword | undefined {
  const classified = optOutType === undefined ? undefined : OPT_OUT_TYPES.get(optOutType.trim().toUpperCase());
  return classified ?? KEYWORDS.get(body.trim().toUpperCase());
}

const sms = (purpose: 'marketing' | 'transactional', decision: 'granted' | 'withdrawn'): FlatDecision => ({
  target: { kind: 'channel', channel: 'sms', purpose },
  decision,
  field: `consent.sms.${purpose}`,
});

/**
 * STOP withdraws transactional SMS as well as marketing: after a STOP, Twilio refuses every
 * message from the number to the contact, so a transactional text could not reach them
 * anyway, and the consent the engine shows must say so rather than promise order updates.
 * START undoes exactly that: both purposes granted again.
 */
export function decisionsFor(keyword: 'opt_out' | 'opt_in'): FlatDecision[] {
  const decision = keyword === 'opt_out' ? 'withdrawn' : 'granted';
  return [sms('marketing', decision), sms('transactional', decision)];
}
