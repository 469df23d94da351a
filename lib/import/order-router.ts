/**
 * Which connection stages an order. By its customer's external id, so all of a customer's orders are written in
 * one place and the customer's order figures are recomputed once. But an order number seen before goes where it
 * went the first time, so that connection finds the repeat and rejects it as a duplicate of the file, whatever
 * customer the repeat names. "Seen before" is remembered in one Bloom filter per connection (about 10 bits per
 * order, so memory stays small for any file): a false hit only sends an order to the other connection, which
 * is still correct, just a little less tidy.
 */

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16_777_619);
  return hash >>> 0;
}

/** A Bloom filter probed four times by double hashing; the two hashes of a key are computed once by the caller. */
class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(bitCount: number) {
    this.bits = new Uint32Array(bitCount >>> 5);
    this.mask = bitCount - 1;
  }

  add(a: number, b: number): void {
    for (let index = 0; index < 4; index++) {
      const bit = (a + Math.imul(index, b)) & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  has(a: number, b: number): boolean {
    for (let index = 0; index < 4; index++) {
      const bit = (a + Math.imul(index, b)) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

export class OrderRouter {
  private readonly seen: BloomFilter[];

  /** `expectedOrders`: about how many orders the file has (the filters are sized for it, 1 MiB to 16 MiB each). */
  constructor(
    private readonly partitions: number,
    expectedOrders: number,
  ) {
    const wanted = Math.min(2 ** 27, Math.max(2 ** 23, expectedOrders * 10));
    const bitCount = 2 ** Math.ceil(Math.log2(wanted));
    this.seen = partitions > 1 ? Array.from({ length: partitions }, () => new BloomFilter(bitCount)) : [];
  }

  route(orderKey: string, customerExternalId: string): number {
    if (this.partitions === 1) return 0;
    let partition = fnv1a(customerExternalId, 2_166_136_261) % this.partitions;
    const a = fnv1a(orderKey, 2_166_136_261);
    const b = fnv1a(orderKey, 3_735_928_559) | 1;
    if (!this.seen[partition]!.has(a, b)) {
      for (let other = 0; other < this.partitions; other++) {
        if (other !== partition && this.seen[other]!.has(a, b)) {
          partition = other;
          break;
        }
      }
    }
    this.seen[partition]!.add(a, b);
    return partition;
  }
}
