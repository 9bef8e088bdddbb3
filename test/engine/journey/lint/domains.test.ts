import { Channel, ContactStatus, ContactType, HealthLevel, JourneyStage, LeadQualification, LifecycleStage, RiskBand } from '../../../../prisma/generated/enums';
import { ENUM_TEXTS } from '../../../../engine/journey/lint/leaf-regions';
import { JourneyStage as JourneyStageSchema, LifecycleStage as LifecycleStageSchema } from '../../../../engine/journey/schema/common';

// The branch checks reason about enum columns as the values they can hold ("not vip" is the
// other four statuses): a value the database gains and the linter does not know of would make
// an overlap finding wrong, so the linter's lists are held to the schema's enums.
describe('the values enum columns can hold', () => {
  it('match prisma/schema.prisma', () => {
    const sorted = (values: readonly (string | number)[]) => values.map(String).sort();
    expect(sorted(ENUM_TEXTS.type ?? [])).toEqual(sorted(Object.values(ContactType)));
    expect(sorted(ENUM_TEXTS.status ?? [])).toEqual(sorted(Object.values(ContactStatus)));
    expect(sorted(ENUM_TEXTS.preferredChannel ?? [])).toEqual(sorted(Object.values(Channel)));
    expect(sorted(ENUM_TEXTS['lead.qualification'] ?? [])).toEqual(sorted(Object.values(LeadQualification)));
    expect(sorted(ENUM_TEXTS['churn_risk.band'] ?? [])).toEqual(sorted(Object.values(RiskBand)));
    expect(sorted(ENUM_TEXTS['health.level'] ?? [])).toEqual(sorted(Object.values(HealthLevel)));
    expect(sorted(LifecycleStageSchema.enum)).toEqual(sorted(Object.values(LifecycleStage)));
    expect(sorted(JourneyStageSchema.enum)).toEqual(sorted(Object.values(JourneyStage)));
  });
});
