import type { ConsentDecision, FlatDecision } from '../input';
import type { TopicConsentView } from '../read';
import type { ChannelChoice } from './load';

/** What the contact sent: the boxes left ticked among those the page showed, or "unsubscribe from all". */
export type PreferenceSubmission =
  | {
      readonly kind: 'save';
      /** Controls the page showed (`channel:email`, `topic:newsletter`): only these are read, so a topic added since the page loaded is not taken as unticked. */
      readonly shown: ReadonlySet<string>;
      readonly channels: ReadonlySet<string>;
      readonly topics: ReadonlySet<string>;
    }
  | { readonly kind: 'unsubscribe_all' };

export const shownChannel = (channel: string): string => `channel:${channel}`;
export const shownTopic = (key: string): string => `topic:${key}`;

/** The contact's own choice on a topic, or the topic's default when never asked. */
const chosen = (topic: TopicConsentView): boolean => (topic.status ?? (topic.defaultSubscribed ? 'granted' : 'withdrawn')) === 'granted';

/**
 * Whether the page ticks a topic: when the contact receives it. While the channel waits for
 * double opt-in, the topics the contact chose stay ticked (what they get once confirmed), so
 * the page right after subscribing does not look as if the choice was lost.
 */
export const topicTicked = (choice: ChannelChoice, topic: TopicConsentView): boolean => (choice.status === 'pending' ? chosen(topic) : topic.subscribed);

/**
 * The decisions that make the contact's consent match the form, and only those: a box left as
 * it was shown sends nothing, so saving the page twice adds nothing to the history.
 *
 * The page ticks a topic when the contact receives it (channel consent and topic choice), so:
 * - a channel is wanted when its box is ticked, or when a topic on it was newly ticked (that
 *   topic needs the channel);
 * - topics are read when the channel was, is about to be (pending) or becomes granted; each
 *   ends up chosen exactly when ticked (an opt-out topic left unticked is withdrawn rather
 *   than silently starting). When the channel stays off, its unticked topics say nothing and
 *   the contact's choices stay.
 * A `pending` channel (double opt-in) shows unticked; ticking it asks for a confirmation again.
 */
export function preferenceDecisions(channels: readonly ChannelChoice[], submission: PreferenceSubmission): FlatDecision[] {
  if (submission.kind === 'unsubscribe_all') {
    return channels.filter((choice) => choice.status === 'granted' || choice.status === 'pending').map((choice) => channelDecision(choice, 'withdrawn'));
  }
  const decisions: FlatDecision[] = [];
  for (const choice of channels) {
    if (!submission.shown.has(shownChannel(choice.channel))) continue;
    const topics = choice.topics.filter((topic) => submission.shown.has(shownTopic(topic.key)));
    const ticked = (topic: TopicConsentView): boolean => submission.topics.has(topic.key);
    const granted = choice.status === 'granted';
    const wanted = submission.channels.has(choice.channel) || topics.some((topic) => ticked(topic) && !topicTicked(choice, topic));
    if (wanted && !granted) decisions.push(channelDecision(choice, 'granted'));
    if (!wanted && granted) decisions.push(channelDecision(choice, 'withdrawn'));
    if (!granted && !wanted && choice.status !== 'pending') continue;
    for (const topic of topics) {
      if (ticked(topic) && !chosen(topic)) decisions.push(topicDecision(topic, 'granted'));
      if (!ticked(topic) && chosen(topic)) decisions.push(topicDecision(topic, 'withdrawn'));
    }
  }
  return decisions;
}

const channelDecision = (choice: ChannelChoice, decision: ConsentDecision): FlatDecision => ({
  target: { kind: 'channel', channel: choice.channel, purpose: 'marketing' },
  decision,
  field: `preferences.${choice.channel}`,
});

const topicDecision = (topic: TopicConsentView, decision: ConsentDecision): FlatDecision => ({
  target: { kind: 'topic', topic: topic.key },
  decision,
  field: `preferences.topics.${topic.key}`,
});
