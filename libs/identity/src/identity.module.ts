import { Global, Module } from '@nestjs/common';

import { AuthUseCases } from './application/auth.use-cases';
import { OrganizationUseCases } from './application/organization.use-cases';
import { UserUseCases } from './application/user.use-cases';
import { AccessTokenRepository } from './infrastructure/access-token.repository';
import { DirectoryRepository } from './infrastructure/directory.repository';
import { PasswordHasher } from './infrastructure/password-hasher';

@Global()
@Module({
  providers: [
    DirectoryRepository,
    AccessTokenRepository,
    PasswordHasher,
    OrganizationUseCases,
    UserUseCases,
    AuthUseCases,
  ],
  exports: [DirectoryRepository, OrganizationUseCases, UserUseCases, AuthUseCases],
})
export class IdentityModule {}
