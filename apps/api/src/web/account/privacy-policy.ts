import { readFile } from 'node:fs/promises';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';

/** The operator's privacy policy (PRIVACY_POLICY_PATH), read once per process; null when none is set. */
@Injectable()
export class PrivacyPolicy {
  private readonly logger = new Logger(PrivacyPolicy.name);
  private text?: Promise<string[] | null>;

  constructor(private readonly config: AppConfig) {}

  paragraphs(): Promise<string[] | null> {
    this.text ??= this.read();
    return this.text;
  }

  private async read(): Promise<string[] | null> {
    const path = this.config.PRIVACY_POLICY_PATH;
    if (!path) return null;
    try {
      const text = await readFile(path, 'utf8');
      return text
        .split(/\r?\n\s*\r?\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean);
    } catch (error) {
      // Visible, not silent: the page then shows the built-in notice until the file is fixed and the process restarted.
      this.logger.error({ err: error, path }, 'PRIVACY_POLICY_PATH cannot be read; showing the built-in notice');
      return null;
    }
  }
}
