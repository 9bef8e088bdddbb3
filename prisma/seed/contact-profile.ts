import type { Faker } from '@faker-js/faker';
import type { ContactType } from '../generated/client';

/** Where demo contacts live; zones and locales go together so quiet hours make sense. */
const REGIONS = [
  { timezone: 'America/New_York', locale: 'en-US', weight: 30 },
  { timezone: 'America/Chicago', locale: 'en-US', weight: 14 },
  { timezone: 'America/Los_Angeles', locale: 'en-US', weight: 18 },
  { timezone: 'Europe/London', locale: 'en-GB', weight: 14 },
  { timezone: 'Europe/Berlin', locale: 'de-DE', weight: 10 },
  { timezone: 'Europe/Paris', locale: 'fr-FR', weight: 8 },
  { timezone: 'Australia/Sydney', locale: 'en-AU', weight: 6 },
] as const;

/** RFC 2606 domains: demo mail can never reach a real person. */
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

export interface ContactProfile {
  readonly externalId: string;
  readonly email: string;
  readonly phone: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly type: ContactType;
  readonly source: string;
  readonly timezone: string;
  readonly locale: string;
  readonly tags: string[];
  readonly attributes: { readonly birthday: string; readonly favouriteCategory: string; readonly newsletterFrequency: string };
}

export function buildContactProfile(faker: Faker, index: number, usedEmails: Set<string>): ContactProfile {
  const type = faker.helpers.weightedArrayElement<ContactType>([
    { value: 'retail', weight: 90 },
    { value: 'wholesale', weight: 7 },
    { value: 'distributor', weight: 3 },
  ]);
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const region = faker.helpers.weightedArrayElement(REGIONS.map((value) => ({ value, weight: value.weight })));
  const company = type === 'retail' ? null : faker.company.name();
  const email = uniqueEmail(faker, firstName, lastName, index, usedEmails);
  const birthday = faker.date.birthdate({ mode: 'age', min: 18, max: 75 }).toISOString().slice(0, 10);
  return {
    externalId: `cus_${String(index + 1).padStart(5, '0')}`,
    email,
    // US-style E.164 numbers in the 555 range, reserved for fiction.
    phone: faker.datatype.boolean(0.7) ? `+1${faker.string.numeric({ length: 3, exclude: ['0', '1'] })}555${faker.string.numeric(4)}` : null,
    firstName,
    lastName,
    company,
    type,
    source: faker.helpers.weightedArrayElement([
      { value: 'web', weight: 50 },
      { value: 'checkout', weight: 20 },
      { value: 'pos', weight: 12 },
      { value: 'referral', weight: 10 },
      { value: 'import', weight: 8 },
    ]),
    timezone: region.timezone,
    locale: region.locale,
    tags: faker.helpers.arrayElements(['newsletter', 'coffee-lover', 'tea-lover', 'gifting', 'early-adopter', 'event-2025'], {
      min: 0,
      max: 2,
    }),
    attributes: {
      birthday,
      favouriteCategory: faker.helpers.arrayElement(['Coffee', 'Tea', 'Brewing gear', 'Mugs']),
      newsletterFrequency: faker.helpers.arrayElement(['weekly', 'monthly']),
    },
  };
}

function uniqueEmail(faker: Faker, firstName: string, lastName: string, index: number, used: Set<string>): string {
  const provider = faker.helpers.arrayElement(EMAIL_DOMAINS);
  let email = faker.internet.email({ firstName, lastName, provider }).toLowerCase();
  if (used.has(email)) email = email.replace('@', `.${index + 1}@`);
  used.add(email);
  return email;
}
