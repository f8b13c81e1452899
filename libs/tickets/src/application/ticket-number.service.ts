import { Injectable } from '@nestjs/common';

import type { Transaction } from '@madoguchi/database';

import { TicketRepository } from '../infrastructure/ticket.repository';

/** Sequence values reserved per round trip. */
const BLOCK = 10;

/**
 * Hands out ticket sequence values, reserving a block at a time, so a new ticket costs no round
 * trip of its own for its number. Values stay unique across processes (one sequence) and rise
 * within a process; a process that stops leaves at most BLOCK - 1 numbers unused, as a rolled-back
 * insert always could.
 */
@Injectable()
export class TicketNumberService {
  private readonly reserved: number[] = [];

  constructor(private readonly tickets: TicketRepository) {}

  /**
   * The next value. `transaction` must be the caller's when it holds one (PGlite has a single
   * session), which is why a caller finding none reserved reserves a block itself rather than
   * waiting for another caller's reservation: that one may wait for the caller's session.
   */
  async next(transaction?: Transaction): Promise<number> {
    if (this.reserved.length === 0) {
      this.reserved.push(...(await this.tickets.reserveNumbers(transaction, BLOCK)));
      this.reserved.sort((a, b) => a - b);
    }
    return this.reserved.shift()!;
  }
}
