import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/**
 * Stands in for `@smithy/core/checksum` in Lambda bundles (~3.5 KB). The DynamoDB and SES v2 clients
 * import one name from it, `Sha256` (SigV4 signing), which is `Sha256Node`: a node:crypto class, or the
 * pure-JavaScript `Sha256Js` when node:crypto has no SHA-256. Node.js 24 always has it, so the fallback,
 * which esbuild must keep because the choice is made at run time, is dead weight.
 * This is `Sha256Node`'s native class, unchanged; `test/unit/shims.test.ts` compares the two.
 * A function that needs another checksum export fails to build (esbuild: no matching export), not at run time.
 */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const toBuffer = (data: SourceData): string | Buffer =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

export class Sha256 {
  readonly digestLength = 32;
  private readonly isHmac: boolean;
  private hash: Hash | Hmac;
  private finished = false;

  constructor(private readonly secret?: SourceData) {
    this.isHmac = !!secret;
    this.hash = this.createHash();
  }

  update(data: SourceData): void {
    if (this.finished) throw new Error('Attempted to update an already finished hash.');
    this.hash.update(data as string | NodeJS.ArrayBufferView);
  }

  async digest(): Promise<Uint8Array> {
    let buf: Buffer;
    if (this.isHmac) {
      this.finished = true;
      buf = this.hash.digest();
    } else {
      buf = (this.hash as Hash).copy().digest();
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  reset(): void {
    this.hash = this.createHash();
    this.finished = false;
  }

  private createHash(): Hash | Hmac {
    return this.secret ? createHmac('sha256', toBuffer(this.secret)) : createHash('sha256');
  }
}

/**
 * `Md5Node`'s native class, for the SQS client (the digest planner), which checks the MD5 of the
 * messages it sends. Node.js 24 always has MD5 in node:crypto (outside FIPS mode, which Lambda does not use).
 */
export class Md5 {
  readonly digestLength = 16;
  private hash: Hash = createHash('md5');

  update(data: SourceData): void {
    this.hash.update(toBuffer(data) as string | NodeJS.ArrayBufferView);
  }

  async digest(): Promise<Uint8Array> {
    const buf = this.hash.copy().digest();
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  reset(): void {
    this.hash = createHash('md5');
  }
}
