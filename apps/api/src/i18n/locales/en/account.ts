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
  'privacy.builtIn.1':
    'To answer your inquiry we store your name, e-mail address, company and phone number, and what you wrote and attached.',
  'privacy.builtIn.2':
    'We use it only to answer you, to tell you how your inquiry is going, to send outage and maintenance notices, and for support figures in which no person can be told apart.',
  'privacy.builtIn.3':
    'Records of access (time, IP address, kind of browser) are kept to prevent abuse and as the log of operations.',
  'privacy.builtIn.4': 'To see or delete what we hold about you, write to us with the inquiry form.',
  'privacy.link': 'Read the privacy policy (new tab)',
  'privacy.title': 'Privacy policy',
  'recoveryCodes.continue': 'Continue',
  'recoveryCodes.intro':
    'If you lose your phone, each of these codes signs you in once. They are shown only now: print them or keep them somewhere safe.',
  'recoveryCodes.title': 'Recovery codes',
  'secondFactor.code': 'Code',
  'secondFactor.code.enrolHint': 'The 6-digit code the app you just set up shows.',
  'secondFactor.code.hint': 'The 6-digit code your authenticator app shows, or a recovery code.',
  'secondFactor.enrol.intro':
    'This account signs in with two steps. Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, …) and enter the 6-digit code it shows.',
  'secondFactor.enrol.secret': 'If you cannot scan it, enter this key:',
  'secondFactor.enrol.title': 'Set up your authenticator app',
  'secondFactor.submit': 'Verify',
  'secondFactor.title': 'Two-step sign-in',
  'security.codesLeft': 'Unused recovery codes: {count}',
  'security.enrol': 'Set up an authenticator app',
  'security.enrol.intro':
    'Scan the QR code with your authenticator app and enter the 6-digit code it shows. From then on, sign-in asks for a code after the password.',
  'security.enrolled': 'Two-step sign-in (authenticator app) is on.',
  'security.notEnrolled': 'Two-step sign-in is off: the password alone signs you in.',
  'security.remove': 'Turn off two-step sign-in',
  'security.remove.code': 'To turn it off, enter a code from your authenticator app or a recovery code',
  'security.required': 'Your role must sign in with two steps. If you lose your phone, ask an admin to reset it.',
  'security.title': 'Sign-in security',
};
