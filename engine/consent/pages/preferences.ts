import type { ConsentChannel } from '../input';
import type { TopicConsentView } from '../read';
import { shownChannel, shownTopic, topicTicked } from '../preference-center/decisions';
import type { ChannelChoice, PreferenceCenter } from '../preference-center/load';
import { html, type Html } from './html';
import { page } from './layout';

/** What the page says after a save, above the form. */
export interface Notice {
  readonly tone: 'success' | 'warning';
  readonly lines: readonly string[];
}

const CHANNEL: Readonly<Record<ConsentChannel, { readonly title: string; readonly label: string; readonly hint: (address: string | null) => string }>> = {
  email: { title: 'Email', label: 'Marketing email', hint: (address) => `News and offers${address ? ` sent to ${address}` : ' by email'}.` },
  sms: { title: 'Text messages', label: 'Marketing text messages (SMS)', hint: (address) => `Offers and reminders${address ? ` texted to ${address}` : ' by text message'}.` },
  push: { title: 'Push notifications', label: 'Marketing push notifications', hint: () => 'News and offers on your devices.' },
  whatsapp: { title: 'WhatsApp', label: 'Marketing on WhatsApp', hint: (address) => `News and offers${address ? ` sent to ${address}` : ' on WhatsApp'}.` },
};

export const channelTitle = (channel: ConsentChannel): string => CHANNEL[channel].title;

/** The preference center: every channel with its topics, one save button, and "unsubscribe from all". */
export function preferencesPage(center: PreferenceCenter, expiresAt: Date, notice?: Notice): string {
  const email = center.channels.find((choice) => choice.channel === 'email')?.address;
  const content = html`
<h1>Your communication preferences</h1>
<p class="lead">Choose what ${center.brand.name} sends you${email ? html`, at <strong>${email}</strong>` : ''}.</p>
${notice && noticeBox(notice)}
${center.channels.length === 0 ? html`<p>We have no address to send you marketing, so there is nothing to choose here.</p>` : form(center)}
<p class="fine">This link is personal: please do not forward it. It works until ${expiresAt.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })}.</p>`;
  // A screen reader announces the title of the page a form post returns: it says what happened.
  return page({ title: notice ? (notice.lines[0] ?? 'Your preferences') : 'Your preferences', brand: center.brand, content });
}

function form(center: PreferenceCenter): Html {
  const anyMarketing = center.channels.some((choice) => choice.status === 'granted' || choice.status === 'pending');
  return html`
<form method="post">
<input type="hidden" name="action" value="save">
${center.channels.map((choice) => channelCard(choice, center.doubleOptInEmail && choice.channel === 'email' && choice.status !== 'granted'))}
<div class="actions"><button type="submit" class="primary">Save preferences</button></div>
</form>
<section class="danger-zone" aria-labelledby="all-heading">
<h2 id="all-heading">Unsubscribe from all marketing</h2>
<p class="fine">${center.brand.name} will stop sending you marketing on every channel. Receipts, order updates and other messages about your account still reach you.</p>
<form method="post">
<input type="hidden" name="action" value="unsubscribe_all">
<div class="actions"><button type="submit" class="secondary"${anyMarketing ? '' : html` aria-describedby="all-none"`}>Unsubscribe from all marketing</button>${anyMarketing ? '' : html`<span class="fine" id="all-none">You receive no marketing now.</span>`}</div>
</form>
</section>`;
}

/** `confirms`: a new subscription here waits for the contact to follow an emailed link (double opt-in). */
function channelCard(choice: ChannelChoice, confirms: boolean): Html {
  const text = CHANNEL[choice.channel];
  const id = `channel-${choice.channel}`;
  const pending = choice.status === 'pending';
  return html`
<section class="card">
<fieldset>
<legend>${text.title}</legend>
<input type="hidden" name="shown" value="${shownChannel(choice.channel)}">
<div class="choice">
<input type="checkbox" id="${id}" name="channel" value="${choice.channel}" aria-describedby="${id}-hint${pending ? ` ${id}-pending` : ''}"${choice.status === 'granted' ? html` checked` : ''}>
<label for="${id}">${text.label}</label>
<span class="hint" id="${id}-hint">${text.hint(choice.address)}${confirms && !pending ? ' We will email you a link to confirm.' : ''}</span>
${pending && html`<p class="note" id="${id}-pending">Waiting for you to confirm: follow the link in the email we sent you, or tick the box and save to get a new one.</p>`}
</div>
${choice.topics.length > 0 && topicList(choice)}
</fieldset>
</section>`;
}

function topicList(choice: ChannelChoice): Html {
  return html`
<fieldset class="topics">
<legend>Topics</legend>
${choice.topics.map((topic) => topicChoice(topic, topicTicked(choice, topic)))}
</fieldset>`;
}

function topicChoice(topic: TopicConsentView, ticked: boolean): Html {
  const id = `topic-${topic.key}`;
  return html`
<input type="hidden" name="shown" value="${shownTopic(topic.key)}">
<div class="choice">
<input type="checkbox" id="${id}" name="topic" value="${topic.key}"${topic.description ? html` aria-describedby="${id}-hint"` : ''}${ticked ? html` checked` : ''}>
<label for="${id}">${topic.name}</label>
${topic.description && html`<span class="hint" id="${id}-hint">${topic.description}</span>`}
</div>`;
}

function noticeBox(notice: Notice): Html {
  return html`<div class="message ${notice.tone}" role="${notice.tone === 'success' ? 'status' : 'alert'}">${notice.lines.map((line) => html`<p>${line}</p>`)}</div>`;
}
