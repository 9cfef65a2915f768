import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** The error DynamoDB gives a cancelled transaction, with one reason code per item (for mocked clients). */
export const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
