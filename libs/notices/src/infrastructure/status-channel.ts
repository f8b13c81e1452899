/**
 * The NOTIFY channel the `status-changes` migration's triggers announce on: something the public
 * status page is computed from changed (and committed).
 */
export const STATUS_CHANNEL = 'madoguchi_status';
