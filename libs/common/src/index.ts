export { Clock, SettableClock, SystemClock } from './domain/clock';
export { allFulfilled, Coalescer } from './domain/coalescer';
export { DomainError, type DomainErrorKind, type FieldProblem, ValidationFailedError } from './domain/domain-error';
export { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from './domain/keyset-cursor';
export {
  isStaff,
  type Principal,
  type RequestContext,
  type Role,
  ROLES,
  roleSatisfies,
  SYSTEM_CONTEXT,
} from './domain/principal';
export { bearerToken, secretMatches } from './domain/shared-secret';
export { settlesWithin, withTimeout } from './domain/timeouts';
export { isUuid } from './domain/uuid';
