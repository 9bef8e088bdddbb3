import type { Faker } from '@faker-js/faker';

/** A product the demo shop sells. Prices are in whole cents to keep arithmetic exact. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly priceCents: number;
  readonly costCents: number;
}

const CATEGORIES = ['Coffee', 'Tea', 'Brewing gear', 'Mugs', 'Gift sets', 'Subscriptions'] as const;

/** A small catalogue with realistic margins (30–65 %), generated from the seeded faker. */
export function buildCatalogue(faker: Faker, size = 60): Product[] {
  return Array.from({ length: size }, (_, index) => {
    const category = CATEGORIES[index % CATEGORIES.length] ?? 'Coffee';
    const priceCents = faker.number.int({ min: 8, max: 120 }) * 100 + faker.helpers.arrayElement([0, 50, 95]);
    const marginRate = faker.number.float({ min: 0.3, max: 0.65 });
    return {
      sku: `SKU-${String(index + 1).padStart(4, '0')}`,
      name: `${faker.commerce.productAdjective()} ${category.replace(/s$/, '').toLowerCase()}`,
      category,
      priceCents,
      costCents: Math.round(priceCents * (1 - marginRate)),
    };
  });
}
