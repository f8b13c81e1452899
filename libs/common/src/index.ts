export { DomainError, type DomainErrorKind, type FieldProblem, ValidationFailedError } from './domain/domain-error';
