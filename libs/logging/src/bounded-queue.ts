/**
 * A FIFO of byte buffers capped by count and total bytes. When full, the oldest entries make
 * room for the new one: for logs the newest lines are the ones worth keeping.
 */
export class BoundedQueue {
  private items: Buffer[] = [];
  private head = 0;
  private total = 0;
  /** Entries dropped to make room, since creation. */
  dropped = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxBytes: number,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get bytes(): number {
    return this.total;
  }

  push(item: Buffer): void {
    if (item.length > this.maxBytes) {
      this.dropped++;
      return;
    }
    this.items.push(item);
    this.total += item.length;
    while (this.length > this.maxItems || this.total > this.maxBytes) {
      this.shift();
      this.dropped++;
    }
  }

  shift(): Buffer | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = EMPTY;
    this.total -= item.length;
    // Compact once the consumed prefix dominates, so shifting stays O(1) amortised.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and concatenates entries up to about `limit` bytes (at least one entry). */
  takeBatch(limit: number): Buffer | undefined {
    const parts: Buffer[] = [];
    let size = 0;
    while (this.length > 0 && (parts.length === 0 || size + this.items[this.head].length <= limit)) {
      const item = this.shift() as Buffer;
      parts.push(item);
      size += item.length;
    }
    return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
  }
}

const EMPTY = Buffer.alloc(0);
