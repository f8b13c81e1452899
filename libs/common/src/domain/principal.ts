export const ROLES = ['customer', 'agent', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles in rank order: each includes everything the ones before it may do. */
const STAFF_RANK: Record<Exclude<Role, 'customer'>, number> = { agent: 1, manager: 2, admin: 3 };

/** Whether `role` may do what `required` may: admin ⊇ manager ⊇ agent; customer is its own world. */
export function roleSatisfies(role: Role, required: Role): boolean {
  if (role === 'customer' || required === 'customer') return role === required;
  return STAFF_RANK[role] >= STAFF_RANK[required];
}

export function isStaff(role: Role): boolean {
  return role !== 'customer';
}

/** Who is acting: the signed-in user as every use case and query sees them. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Set for customer contacts: every query they make is confined to this organization. */
  organizationId: string | null;
  language: 'ja' | 'en';
}

/** Where a request came from, recorded with every audited action. */
export interface RequestContext {
  actor: Principal | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: RequestContext = { actor: null, ip: null, userAgent: null, requestId: null };
