import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppConfig } from '@madoguchi/config';

/** Swagger UI runs its own inline code; it is the one page outside the strict policy. */
const OWN_POLICY_PREFIX = '/api/docs';

/**
 * The headers every response carries: a strict Content-Security-Policy (pages run only our own files
 * and the inline code marked with this response's nonce, `PageContext.nonce`), no framing, no MIME
 * sniffing, referrers kept to our own origin, and HSTS when the public address is https.
 */
export async function sendSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const https = new URL(config.PUBLIC_BASE_URL).protocol === 'https:';
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The favicon is an inline SVG.
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      if (request.url.startsWith(OWN_POLICY_PREFIX)) reply.removeHeader('content-security-policy');
    });
}
