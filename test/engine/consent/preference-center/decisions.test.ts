import type { ConsentStatus } from '../../../../prisma/generated/client';
import { preferenceDecisions, shownChannel, shownTopic, type PreferenceSubmission } from '../../../../engine/consent/preference-center/decisions';
import type { ChannelChoice } from '../../../../engine/consent/preference-center/load';
import type { TopicConsentView } from '../../../../engine/consent/read';
import { receivesTopic } from '../../../../engine/consent/read';

function topic(key: string, channelStatus: ConsentStatus | null, status: ConsentStatus | null, defaultSubscribed = false): TopicConsentView {
  return { key, name: key, description: null, channel: 'email', defaultSubscribed, status, subscribed: receivesTopic(channelStatus, status, defaultSubscribed) };
}

/** Email with an opt-in newsletter and an opt-out promotions topic. */
function email(status: ConsentStatus | null, newsletter: ConsentStatus | null = null, promotions: ConsentStatus | null = null): ChannelChoice {
  return { channel: 'email', status, address: 'ada@example.com', topics: [topic('newsletter', status, newsletter), topic('promotions', status, promotions, true)] };
}

const ALL_SHOWN = new Set([shownChannel('email'), shownTopic('newsletter'), shownTopic('promotions')]);
const save = (channels: string[], topics: string[], shown: ReadonlySet<string> = ALL_SHOWN): PreferenceSubmission => ({ kind: 'save', shown, channels: new Set(channels), topics: new Set(topics) });
const summary = (choices: ChannelChoice[], submission: PreferenceSubmission) =>
  preferenceDecisions(choices, submission).map(({ target, decision }) => `${target.kind === 'channel' ? target.channel : target.topic}:${decision}`);

describe('preference center decisions', () => {
  it('sends nothing when the form is saved as it was shown', () => {
    // Granted email: newsletter chosen, promotions by default; both shown ticked.
    expect(summary([email('granted', 'granted')], save(['email'], ['newsletter', 'promotions']))).toEqual([]);
    // Never asked: shown unticked everywhere.
    expect(summary([email(null)], save([], []))).toEqual([]);
    // Withdrawn, with the choices the contact made before: unticked topics say nothing while the channel stays off.
    expect(summary([email('withdrawn', 'granted')], save([], []))).toEqual([]);
  });

  it('sends only what changed: a topic left, a topic chosen, the channel withdrawn', () => {
    expect(summary([email('granted', 'granted')], save(['email'], ['newsletter']))).toEqual(['promotions:withdrawn']);
    expect(summary([email('granted', 'withdrawn')], save(['email'], ['newsletter', 'promotions']))).toEqual(['newsletter:granted']);
    expect(summary([email('granted', 'granted')], save([], ['newsletter', 'promotions']))).toEqual(['email:withdrawn']);
  });

  it('a re-ticked topic is granted, and brings its channel back', () => {
    expect(summary([email('withdrawn', 'withdrawn', 'withdrawn')], save([], ['newsletter']))).toEqual(['email:granted', 'newsletter:granted']);
    // The opt-out topic the contact saw unticked does not start silently with the channel.
    expect(summary([email('withdrawn')], save([], ['newsletter']))).toEqual(['email:granted', 'newsletter:granted', 'promotions:withdrawn']);
    // Ticking the topic whose choice stands is enough: the channel is what was missing.
    expect(summary([email('withdrawn', 'granted')], save([], ['newsletter']))).toEqual(['email:granted', 'promotions:withdrawn']);
  });

  it('ticking a pending channel asks again; leaving it unticked changes nothing; its topics show and change as chosen', () => {
    // Pending with the newsletter chosen: both topics are shown ticked (what confirming brings).
    expect(summary([email('pending', 'granted')], save(['email'], ['newsletter', 'promotions']))).toEqual(['email:granted']);
    expect(summary([email('pending', 'granted')], save([], ['newsletter', 'promotions']))).toEqual([]);
    expect(summary([email('pending', 'granted')], save([], ['promotions']))).toEqual(['newsletter:withdrawn']);
  });

  it('reads only the controls the page showed (a topic added since counts as untouched)', () => {
    expect(summary([email('granted', 'granted')], save(['email'], ['newsletter'], new Set([shownChannel('email'), shownTopic('newsletter')])))).toEqual([]);
    expect(summary([email('granted')], save([], [], new Set()))).toEqual([]);
  });

  it('"unsubscribe from all" withdraws every channel granted or pending, and nothing else', () => {
    const sms: ChannelChoice = { channel: 'sms', status: 'granted', address: '+14155550123', topics: [] };
    const push: ChannelChoice = { channel: 'push', status: 'withdrawn', address: null, topics: [] };
    expect(summary([email('pending'), sms, push], { kind: 'unsubscribe_all' })).toEqual(['email:withdrawn', 'sms:withdrawn']);
    expect(summary([email('withdrawn'), push], { kind: 'unsubscribe_all' })).toEqual([]);
  });
});
