import { Global, Module } from '@nestjs/common';

import { AccountLinkService } from './application/account-link.service';
import { AuthService } from './application/auth.service';
import { LoginThrottle } from './application/login-throttle.service';
import { OrganizationService } from './application/organization.service';
import { SecondFactorService } from './application/second-factor.service';
import { UserService } from './application/user.service';
import { AccessTokenRepository } from './infrastructure/access-token.repository';
import { AccountLinkRepository } from './infrastructure/account-link.repository';
import { DirectoryRepository } from './infrastructure/directory.repository';
import { LoginThrottleRepository } from './infrastructure/login-throttle.repository';
import { PasswordHasher } from './infrastructure/password-hasher';
import { SecondFactorRepository } from './infrastructure/second-factor.repository';
import { SecretBox } from './infrastructure/secret-box';

@Global()
@Module({
  providers: [
    DirectoryRepository,
    AccessTokenRepository,
    PasswordHasher,
    OrganizationService,
    UserService,
    AuthService,
    LoginThrottleRepository,
    LoginThrottle,
    SecondFactorRepository,
    SecretBox,
    SecondFactorService,
    AccountLinkRepository,
    AccountLinkService,
  ],
  exports: [
    DirectoryRepository,
    OrganizationService,
    UserService,
    AuthService,
    SecondFactorService,
    AccountLinkService,
  ],
})
export class IdentityModule {}
