/**
 * The notices library's domain: plain TypeScript, no framework or driver behind it. Other libraries'
 * domain code imports it as `@madoguchi/notices/domain` (the KPI definition carries availability's rules).
 */
export {
  type AvailabilityFigure,
  type AvailabilityRules,
  combinedAvailability,
  DEFAULT_AVAILABILITY_RULES,
} from './availability';
