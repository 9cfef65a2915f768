import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  TransactionCancelled,
  batchGet,
  isConditionFailure,
  queryAll,
  recordOf,
  transactWrite,
} from '../../functions/shared/dynamo.ts';
import { cancelled } from '../helpers/dynamodb.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const table = process.env.TABLE_NAME ?? '';
const key = (n: number) => ({ PK: `ITEM#${n}`, SK: 'ITEM' });

describe('the DynamoDB toolkit', () => {
  beforeEach(() => ddb.reset());

  it('maps an item to its record without the table key attributes', () => {
    const item = { PK: 'A#1', SK: 'A', GSI1PK: 'X', GSI1SK: 'Y', GSI4SK: 'Z', entity: 'a', id: '1', n: 2 };
    expect(recordOf(item)).toEqual({ id: '1', n: 2 });
  });

  it('reads every page of a query, and stops at max', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: key(2) })
      .resolvesOnce({ Items: [{ n: 3 }] });
    expect(await queryAll({ KeyConditionExpression: 'PK = :pk' })).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(ddb).toHaveReceivedNthCommandWith(QueryCommand, 2, { ExclusiveStartKey: key(2) });

    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: key(2) });
    expect(await queryAll({ KeyConditionExpression: 'PK = :pk' }, 2)).toHaveLength(2);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
  });

  it('asks again for the keys a batch read left unprocessed, in chunks of 100', async () => {
    const keys = Array.from({ length: 150 }, (_, n) => key(n));
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [table]: [{ n: 0 }] }, UnprocessedKeys: { [table]: { Keys: [key(1)] } } })
      .resolvesOnce({ Responses: { [table]: [{ n: 1 }] } })
      .resolvesOnce({ Responses: { [table]: [{ n: 100 }] } });
    expect(await batchGet(keys)).toEqual([{ n: 0 }, { n: 1 }, { n: 100 }]);
    const calls = ddb.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[table]);
    expect(calls.map((request) => request?.Keys?.length)).toEqual([100, 1, 50]);
  });

  it('recognises a failed condition by the SDK exception class, not by its name', () => {
    expect(isConditionFailure(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }))).toBe(
      true,
    );
    expect(
      isConditionFailure(Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' })),
    ).toBe(false);
  });

  it('reports which item of a cancelled transaction failed, and retries a conflict', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));
    const failure = await transactWrite([]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransactionCancelled);
    expect((failure as TransactionCancelled).failedAt(1)).toBe(true);

    ddb.reset();
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict']))
      .resolves({});
    await transactWrite([]);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });
});
