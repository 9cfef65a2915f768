/**
 * Stands in for `@smithy/core/event-streams` in Lambda bundles (~10 KB). The SDK loads it only for
 * operations whose shapes carry event streams; DynamoDB and SES v2 have none. Should a future client
 * need it, the call fails loudly instead of misbehaving.
 */
function unsupported(): never {
  throw new Error('Event streams are not bundled in this function (lib/shims/no-event-streams.ts)');
}

export class EventStreamSerde {
  constructor() {
    unsupported();
  }
}

export const eventStreamSerdeProvider = unsupported;
