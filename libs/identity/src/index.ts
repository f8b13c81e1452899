export { AccountLinkService } from './application/account-link.service';
export {
  type AuthenticatedToken,
  AuthService,
  type IssuedToken,
  LOGIN_FAILED,
  principalOf,
  type SignInStep,
} from './application/auth.service';
export {
  type OrganizationChanges,
  type OrganizationInput,
  OrganizationService,
} from './application/organization.service';
export { type Enrolment, SecondFactorService, type SecondFactorStatus } from './application/second-factor.service';
export { type UserChanges, type UserInput, UserService } from './application/user.service';
export { ACCOUNT_LINK_LIFETIME_MS, ACCOUNT_LINK_PURPOSES, type AccountLinkPurpose } from './domain/account-links';
export { passwordResetRateLimited } from './domain/identity.errors';
export { passwordProblem } from './domain/password-policy';
export { csrfTokenFor } from './domain/tokens';
export { IdentityModule } from './identity.module';
export { AccessTokenEntity } from './infrastructure/access-token.entity';
export { DirectoryRepository } from './infrastructure/directory.repository';
export { OrganizationEntity } from './infrastructure/organization.entity';
export { UserEntity } from './infrastructure/user.entity';
