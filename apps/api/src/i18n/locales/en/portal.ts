import type { portal as ja } from '../ja/portal';

export const portal: Record<keyof typeof ja, string> = {
  'portal.export': 'Download your organization’s inquiries',
  'portal.title': 'My tickets',
};
