import { Global, Module } from '@nestjs/common';

import { AuthUseCases } from './application/auth.use-cases';
import { OrganizationUseCases } from './application/organization.use-cases';
import { UserUseCases } from './application/user.use-cases';
import { DirectoryRepository } from './infrastructure/directory.repository';
import { PasswordHasher } from './infrastructure/password-hasher';

@Global()
@Module({
  providers: [DirectoryRepository, PasswordHasher, OrganizationUseCases, UserUseCases, AuthUseCases],
  exports: [DirectoryRepository, OrganizationUseCases, UserUseCases, AuthUseCases],
})
export class IdentityModule {}
