import { expectedPurchases, probabilityAlive } from '../../../../engine/crm/clv/bg-nbd';
import { computeClv } from '../../../../engine/crm/clv/compute';
import { fitClvModels, storedClvModels, type ClvModels } from '../../../../engine/crm/clv/models';
import { predictClv } from '../../../../engine/crm/clv/predict';
import type { CrmContext } from '../../../../engine/crm/context';
import { resolveCrmSettings } from '../../../../engine/crm/settings';
import { allContacts, contactsWithIds } from '../../../../engine/crm/sql';
import { databaseKinds, openMigratedDatabase } from '../../../support/database';

const NOW = new Date('2026-06-30T00:00:00Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

describe.each(databaseKinds)('CLV computed from orders (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let context: CrmContext;
  let ada: string;
  beforeAll(async () => {
    database = await openMigratedDatabase(kind);
    const { prisma } = database.db;
    const workspace = await prisma.workspace.create({ data: { name: 'clv', slug: 'clv', currency: 'EUR' } });
    context = { workspaceId: workspace.id, now: NOW, currency: 'EUR', settings: resolveCrmSettings({ clv: { annualDiscountRate: 0 } }) };
    ada = (await prisma.contact.create({ data: { workspaceId: workspace.id, email: 'ada@example.com' } })).id;
    const order = (amount: number, days: number, extra: { cost?: number; currency?: string; status?: 'refunded' } = {}) => ({
      workspaceId: workspace.id, contactId: ada, status: extra.status ?? ('fulfilled' as const), currency: extra.currency ?? 'EUR', amount, cost: extra.cost, placedAt: daysAgo(days),
    });
    await prisma.order.createMany({ data: [order(100, 300, { cost: 60 }), order(50, 200), order(150, 100, { cost: 90 }), order(999, 50, { currency: 'USD' }), order(500, 40, { status: 'refunded' })] });
  });
  afterAll(() => database.dispose());

  // Hand-computed: revenue 100 + 50 + 150 = 300; cost 60 + 50 × (1 − 0.3) + 90 = 185; profit 115;
  // lifespan 300 − 100 = 200 days; 3 orders in 300/365 years = 3.65 a year; margin 115/300.
  const historical = { historicalValue: 300, totalCost: 185, profit: 115, orderCount: 3, lifespanDays: 200, averageOrderValue: 100 };

  it('historical components, and the fallback prediction without fitted models', async () => {
    const changes = await computeClv(database.db.prisma, context, contactsWithIds([ada]));
    const row = await database.db.prisma.clvScore.findUniqueOrThrow({ where: { contactId: ada } });
    expect({ ...row, historicalValue: Number(row.historicalValue), totalCost: Number(row.totalCost), profit: Number(row.profit), averageOrderValue: Number(row.averageOrderValue) }).toMatchObject(historical);
    expect(row.purchaseFrequency).toBeCloseTo(3.65, 10);
    expect(row.marginRate).toBeCloseTo(115 / 300, 10);
    // 3.65 orders a year × 1 year × 100 average × 0.38333 margin = 139.92
    expect(Number(row.predictedValue)).toBeCloseTo(139.92, 2);
    expect(row.expectedPurchases).toBeNull();
    expect(changes).toEqual([{ topic: 'score.changed', contactId: ada, model: 'clv', field: 'predictedValue', from: null, to: 139.92 }]);
    expect(await computeClv(database.db.prisma, context, allContacts)).toEqual([]);
  });

  it('the BG/NBD and Gamma-Gamma prediction with the workspace’s stored models', async () => {
    // The published CDNOW parameters (Fader, Hardie & Lee 2005; Fader & Hardie 2013), stored as a fit would.
    const models: ClvModels = {
      bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
      logLikelihood: { bgNbd: -9582.4, gammaGamma: -4055.9 },
      customers: 2357,
      repeatBuyers: 946,
    };
    await database.db.prisma.crmModelState.create({ data: { workspaceId: context.workspaceId, kind: 'clv', parameters: models, sampleSize: 2357, computedAt: NOW } });
    expect(await storedClvModels(database.db.prisma, context.workspaceId)).toEqual(models);
    await computeClv(database.db.prisma, context, contactsWithIds([ada]));
    const row = await database.db.prisma.clvScore.findUniqueOrThrow({ where: { contactId: ada } });
    // In weeks: x = 2 repeat purchases, t_x = 200/7, T = 300/7; horizon 365/7; repeat spend (50 + 150)/2.
    const history = { frequency: 2, recency: 200 / 7, age: 300 / 7 };
    expect(row.expectedPurchases).toBeCloseTo(expectedPurchases(models.bgNbd, history, 365 / 7), 9);
    expect(row.probabilityAlive).toBeCloseTo(probabilityAlive(models.bgNbd, history), 9);
    const expected = predictClv({ bgNbd: models.bgNbd, gammaGamma: models.gammaGamma, history, averageSpend: 100, horizon: 365 / 7, marginRate: 115 / 300 });
    expect(Number(row.expectedOrderValue)).toBeCloseTo(expected.expectedAverageSpend, 2);
    expect(Number(row.predictedValue)).toBeCloseTo(expected.value, 2);
    expect(row).toMatchObject({ orderCount: 3, horizonDays: 365 });
  });

  it('fits the models on the workspace’s customers and stores them', async () => {
    const { prisma } = database.db;
    const workspace = await prisma.workspace.create({ data: { name: 'clv-fit', slug: 'clv-fit', currency: 'EUR' } });
    const fitContext = { ...context, workspaceId: workspace.id };
    // 300 customers with a deterministic spread of purchase rates, dropout and spend.
    let seed = 42;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let customer = 0; customer < 300; customer += 1) {
      const contactId = (await prisma.contact.create({ data: { workspaceId: workspace.id, email: `c${customer}@example.com` } })).id;
      const first = 100 + Math.floor(random() * 600);
      // Heterogeneous on purpose: rates and lifetimes spread over orders of magnitude, as in real bases.
      const rate = 0.002 + random() ** 3 * 0.2;
      const lifetime = random() ** 2 * first;
      const spend = 20 + random() * 80;
      const orders = [first];
      for (let day = first - 1; day > first - lifetime && day > 0; day -= 1) if (random() < rate) orders.push(day);
      await prisma.order.createMany({ data: orders.map((days) => ({ workspaceId: workspace.id, contactId, status: 'paid' as const, currency: 'EUR', amount: Math.round(spend * (0.6 + random() * 0.8)), placedAt: daysAgo(days) })) });
    }
    const models = await fitClvModels(prisma, fitContext);
    expect(models).toBeDefined();
    expect(models?.customers).toBe(300);
    expect(models?.gammaGamma.q).toBeGreaterThan(1);
    expect(await storedClvModels(prisma, workspace.id)).toEqual(models);
    await computeClv(prisma, fitContext, allContacts);
    const predicted = await prisma.clvScore.findMany({ where: { workspaceId: workspace.id }, select: { predictedValue: true, probabilityAlive: true } });
    expect(predicted).toHaveLength(300);
    expect(predicted.every((row) => Number(row.predictedValue) >= 0 && row.probabilityAlive !== null && row.probabilityAlive > 0 && row.probabilityAlive <= 1)).toBe(true);
  });
});
