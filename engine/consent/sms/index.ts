export { defaultSmsHelpText } from './help';
export { receiveSms, type InboundSms, type InboundSmsOutcome } from './inbound';
export { decisionsFor, smsKeywordOf, type SmsKeyword } from './keywords';
