export { ENTITIES } from './entities';
export { PlatformModule, QUEUES } from './platform.module';
