import { Injectable } from '@nestjs/common';

import { AppConfig, keyFileSecret } from '@madoguchi/config';

import { type AuditKey, auditKey } from '../domain/audit-chain';

/** The audit chain's keys: AUDIT_KEY (or a key file made once in DATA_DIR) seals, earlier ones still verify. */
@Injectable()
export class AuditKeys {
  private keys?: { current: AuditKey; all: Map<string, AuditKey> };

  constructor(private readonly config: AppConfig) {}

  get current(): AuditKey {
    return this.load().current;
  }

  get all(): ReadonlyMap<string, AuditKey> {
    return this.load().all;
  }

  private load() {
    if (!this.keys) {
      const current = auditKey(this.config.AUDIT_KEY ?? keyFileSecret(this.config.DATA_DIR, 'audit.key'));
      const all = new Map([current, ...this.config.AUDIT_PREVIOUS_KEYS.map(auditKey)].map((key) => [key.id, key]));
      this.keys = { current, all };
    }
    return this.keys;
  }
}
