/** Who receives a notice: every service, or only these. */
export type Audience = { serviceIds: string[] } | 'everyone';
