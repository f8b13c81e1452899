import { account } from './account';
import { admin } from './admin';
import { calendar } from './calendar';
import { common } from './common';
import { desk } from './desk';
import { errors } from './errors';
import { inquiry } from './inquiry';
import { kpi } from './kpi';
import { notices } from './notices';
import { phone } from './phone';
import { portal } from './portal';
import { problems } from './problems';
import { validation } from './validation';

/** Every Japanese UI string, by area. */
export const ja = {
  ...account,
  ...admin,
  ...calendar,
  ...common,
  ...desk,
  ...errors,
  ...inquiry,
  ...kpi,
  ...notices,
  ...phone,
  ...portal,
  ...problems,
  ...validation,
};
