export {
  type AuthenticatedToken,
  AuthUseCases,
  type IssuedToken,
  LOGIN_FAILED,
  principalOf,
} from './application/auth.use-cases';
export {
  type OrganizationChanges,
  type OrganizationInput,
  OrganizationUseCases,
} from './application/organization.use-cases';
export { type UserChanges, type UserInput, UserUseCases } from './application/user.use-cases';
export { passwordProblems } from './domain/password-policy';
export { csrfTokenFor } from './domain/tokens';
export { IdentityModule } from './identity.module';
export { AccessTokenEntity } from './infrastructure/access-token.entity';
export { DirectoryRepository } from './infrastructure/directory.repository';
export { OrganizationEntity } from './infrastructure/organization.entity';
export { UserEntity } from './infrastructure/user.entity';
