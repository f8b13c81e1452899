import type { portal as ja } from '../ja/portal';

export const portal: Record<keyof typeof ja, string> = {
  'portal.export': 'Download your organization’s inquiries',
  'portal.mine': 'Only mine',
  'portal.next': 'Next page',
  'portal.search': 'Search by number, subject or message',
  'portal.state': 'Status',
  'portal.state.all': 'All',
  'portal.state.done': 'Done',
  'portal.state.open': 'In progress',
  'portal.title': 'My tickets',
  'portal.updated': 'Updated',
};
