import { Value } from 'typebox/value';
import { DraftNode, JourneyDraft } from '../schema';
import abandonedCart from './abandoned-cart.journey.json';
import birthday from './birthday.journey.json';
import leadNurturing from './lead-nurturing.journey.json';
import postPurchaseReview from './post-purchase-review.journey.json';
import reEngagementSunset from './re-engagement-sunset.journey.json';
import welcomeSeries from './welcome-series.journey.json';
import winBack from './win-back.journey.json';

// Pure module: the canvas (bundled by Vite) and the engine import it. The journeys themselves
// are journey files next to this one, so they can be linted and pushed like any other.

export type JourneyTemplateCategory = 'onboarding' | 'ecommerce' | 'retention' | 'lifecycle' | 'lead';

/** Channels a template sends to the contact on (internal team notifications are not counted). */
export type JourneyTemplateChannel = 'email' | 'sms';

/** A starting point in the template gallery: a complete journey draft and how to present it. */
export interface JourneyTemplate {
  /** Stable id; also the file name, `<key>.journey.json`. */
  readonly key: string;
  readonly title: string;
  /** One sentence for the gallery card. */
  readonly summary: string;
  readonly category: JourneyTemplateCategory;
  /** A Lucide icon name, kebab-case. */
  readonly icon: string;
  readonly channels: readonly JourneyTemplateChannel[];
  /** Shared by every importer: copy it (`structuredClone`) before editing. */
  readonly draft: JourneyDraft;
}

/**
 * The file's content as a draft, checked against the schema (the envelope, then each node by
 * its kind): a broken file fails at load, naming the template, rather than in the canvas.
 */
function draftOf(key: string, json: unknown): JourneyDraft {
  if (!Value.Check(JourneyDraft, json)) {
    throw new Error(`journey template ${key} is not a journey draft: ${firstError(JourneyDraft, json)}`);
  }
  const nodes = json.nodes.map((node, index): DraftNode => {
    if (!Value.Check(DraftNode, node)) throw new Error(`journey template ${key}: node #${index + 1} is not a valid node`);
    return node;
  });
  return { ...json, nodes };
}

function firstError(schema: typeof JourneyDraft, value: unknown): string {
  const [error] = Value.Errors(schema, value);
  return error ? `${error.instancePath || '(root)'} ${error.message}` : 'invalid';
}

export const JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [
  {
    key: 'welcome-series',
    title: 'Welcome series',
    summary: 'Greet new subscribers, share tips, then offer engaged non-buyers 10% off their first order.',
    category: 'onboarding',
    icon: 'sparkles',
    channels: ['email'],
    draft: draftOf('welcome-series', welcomeSeries),
  },
  {
    key: 'abandoned-cart',
    title: 'Abandoned cart',
    summary: 'Remind shoppers who left checkout by email and SMS until they order that cart.',
    category: 'ecommerce',
    icon: 'shopping-cart',
    channels: ['email', 'sms'],
    draft: draftOf('abandoned-cart', abandonedCart),
  },
  {
    key: 'win-back',
    title: 'Win-back: at-risk customers',
    summary: 'Bring back valuable customers whose buying has slowed with a time-limited incentive.',
    category: 'retention',
    icon: 'heart-handshake',
    channels: ['email'],
    draft: draftOf('win-back', winBack),
  },
  {
    key: 'post-purchase-review',
    title: 'Post-purchase review request',
    summary: 'Ask for a review a week after each order, remind once, and thank reviewers with a code.',
    category: 'ecommerce',
    icon: 'star',
    channels: ['email'],
    draft: draftOf('post-purchase-review', postPurchaseReview),
  },
  {
    key: 'birthday',
    title: 'Birthday treat',
    summary: 'Send a birthday gift code every year at 9am in the contact’s time zone, with a reminder.',
    category: 'lifecycle',
    icon: 'cake',
    channels: ['email'],
    draft: draftOf('birthday', birthday),
  },
  {
    key: 'lead-nurturing',
    title: 'Lead nurturing to MQL',
    summary: 'Nurture new leads with helpful content and hand those who reach MQL score to sales.',
    category: 'lead',
    icon: 'target',
    channels: ['email'],
    draft: draftOf('lead-nurturing', leadNurturing),
  },
  {
    key: 're-engagement-sunset',
    title: 'Re-engagement and sunset',
    summary: 'Win back quiet subscribers with two emails, then mark those who stay quiet as sunset.',
    category: 'retention',
    icon: 'mail-x',
    channels: ['email'],
    draft: draftOf('re-engagement-sunset', reEngagementSunset),
  },
];
