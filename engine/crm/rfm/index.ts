export { computeRfm, rfmCombinedScore } from './compute';
export { rfmCustomers } from './customers';
export {
  computeRfmQuintileBoundaries,
  prepareRfmModel,
  quintileScore,
  quintileScoreOf,
  readRfmQuintileBoundaries,
  rfmQuintileBoundaries,
  RFM_QUINTILE_STATE_KIND,
  RFM_QUINTILE_TIE_RULE,
  type Better,
  type RfmQuintileBoundaries,
} from './quintile';
export { RFM_SEGMENTS, rfmSegmentOf, rfmSegmentSql, type RfmSegment, type RfmSegmentLabel, type RfmSegmentPredicate, type ScoreRange } from './segments';
export {
  FREQUENCY_BANDS,
  MONETARY_BANDS,
  RECENCY_BANDS,
  thresholdFrequencyScore,
  thresholdMonetaryScore,
  thresholdRecencyScore,
  type RfmScore,
} from './threshold';
