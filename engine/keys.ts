import type { Knex } from 'knex';

const BLOCK = 1000n;

/** Thrown by `take()` when a command needs more keys than were reserved; the command re-runs. */
export class KeysExhausted extends Error {}

/**
 * Hands out keys from `engine_key_seq`. The sequence steps by 1000, so one `nextval` reserves
 * a block of 1000 keys for this process: unique across engine processes, few round trips.
 */
export class KeyAllocator {
  private ranges: [bigint, bigint][] = [];
  private available = 0n;

  constructor(private readonly db: Knex) {}

  /** Makes sure at least `count` keys can be taken without a round trip. */
  async reserve(count: number): Promise<void> {
    while (this.available < BigInt(count)) {
      const r = await this.db.raw(`select nextval('engine_key_seq')::text as v`);
      const start = BigInt(r.rows[0].v);
      this.ranges.push([start, start + BLOCK]);
      this.available += BLOCK;
    }
  }

  take(): string {
    const range = this.ranges[0];
    if (!range) throw new KeysExhausted();
    const k = range[0];
    range[0] += 1n;
    this.available -= 1n;
    if (range[0] >= range[1]) this.ranges.shift();
    return k.toString();
  }
}
