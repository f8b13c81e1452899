import type { account as ja } from '../ja/account';

export const account: Record<keyof typeof ja, string> = {
  'home.role': 'Role: {role}',
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'login.email': 'E-mail address',
  'login.expired': 'The form expired. Please try again.',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.title': 'Sign in',
};
