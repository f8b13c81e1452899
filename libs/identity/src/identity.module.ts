import { Global, Module } from '@nestjs/common';

import { AuthService } from './application/auth.service';
import { OrganizationService } from './application/organization.service';
import { UserService } from './application/user.service';
import { AccessTokenRepository } from './infrastructure/access-token.repository';
import { DirectoryRepository } from './infrastructure/directory.repository';
import { PasswordHasher } from './infrastructure/password-hasher';

@Global()
@Module({
  providers: [
    DirectoryRepository,
    AccessTokenRepository,
    PasswordHasher,
    OrganizationService,
    UserService,
    AuthService,
  ],
  exports: [DirectoryRepository, OrganizationService, UserService, AuthService],
})
export class IdentityModule {}
