import type { account as ja } from '../ja/account';

export const account: Record<keyof typeof ja, string> = {
  'home.role': 'Role: {role}',
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'landing.disclosures': 'Disclosure reports',
  'landing.disclosuresHelp': 'Our support figures, published every month.',
  'landing.inquiry': 'Contact us',
  'landing.inquiryHelp': 'Write to us with the form, any time of day.',
  'landing.intro': 'What would you like to do?',
  'landing.portal': 'Follow your inquiries (sign in)',
  'landing.portalHelp': 'See how your inquiries are going, and our answers.',
  'landing.status': 'Service status',
  'landing.statusHelp': 'How the services are running, and planned maintenance.',
  'landing.title': 'Customer support',
  'login.email': 'E-mail address',
  'login.expired': 'The form expired. Please try again.',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.title': 'Sign in',
};
