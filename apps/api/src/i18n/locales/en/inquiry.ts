import type { inquiry as ja } from '../ja/inquiry';

export const inquiry: Record<keyof typeof ja, string> = {
  'category.account': 'Account',
  'category.billing': 'Billing',
  'category.general': 'General',
  'category.other': 'Other',
  'category.outage': 'Outage',
  'category.technical': 'Technical',
  'inquiry.body': 'Your message',
  'inquiry.category': 'Category',
  'inquiry.company': 'Company',
  'inquiry.consent': 'I agree to the privacy notice',
  'inquiry.email': 'E-mail address',
  'inquiry.intro': 'The web form is open 24/7. We answer during support hours.',
  'inquiry.name': 'Name',
  'inquiry.number': 'Ticket number: {number}',
  'inquiry.phone': 'Phone (optional)',
  'inquiry.promise': 'We will answer by {due}. A confirmation e-mail is on its way.',
  'inquiry.received': 'We received your inquiry',
  'inquiry.subject': 'Subject',
  'inquiry.submit': 'Send',
  'inquiry.title': 'Contact us',
};
