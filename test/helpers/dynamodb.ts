/** The error DynamoDB gives a cancelled transaction, with one reason code per item (for mocked clients). */
export const cancelled = (codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
