export { AccessTokenEntity } from './infrastructure/access-token.entity';
export { OrganizationEntity } from './infrastructure/organization.entity';
export { UserEntity } from './infrastructure/user.entity';
