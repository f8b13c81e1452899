/** Only same-site paths may be redirected to after a form (sign-in's `next`, the language switch's). */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
