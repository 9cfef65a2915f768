import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import {
  TransactionCancelled,
  expiresAfter,
  isConditionFailure,
  recordOf,
  transactWrite,
  type TransactItem,
} from '../shared/dynamo.ts';
import { newId } from '../shared/ids.ts';
import {
  accountClaimsKey,
  claimKey,
  claimLetterKey,
  claimOutboxKey,
  targetClaimsKey,
} from '../shared/keys.ts';
import { HttpProblem } from '../shared/problem.ts';
import type { HashedCode } from './codes.ts';

/*
 * Claim items: a claim (code hash, tries, expiry), its mail in the outbox, the day's counters per account
 * and per NIB/reference named, and an operator's printed letter under the business. Every item expires by
 * TTL; `expiresAt` is also checked on read, as DynamoDB deletes expired items only eventually.
 */

/** Tries at one code (a claim's or a letter's). */
export const MAX_ATTEMPTS = 5;
/** Claims an account may start per day, and claims naming one NIB or reference per day. */
export const ACCOUNT_CLAIMS_PER_DAY = 10;
export const TARGET_CLAIMS_PER_DAY = 5;
/** How long a mailed code and a printed letter's code stay valid. */
export const MAIL_CODE_SECONDS = 30 * 60;
export const LETTER_CODE_SECONDS = 30 * 24 * 3600;

export interface Claim extends HashedCode {
  id: string;
  sub: string;
  /** The record the code was mailed for; absent when nothing matched (the claim can then never succeed). */
  businessId?: string;
  attempts: number;
  createdAt: string;
  expiresAt: number;
  usedAt?: string;
}

export interface ClaimLetter extends HashedCode {
  businessId: string;
  issuedBy: string;
  issuedAt: string;
  attempts: number;
  expiresAt: number;
}

/** The WIB calendar day of `nowMs`, the window the daily counters count in. */
export const wibDay = (nowMs: number) => new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10);

export const tooManyClaims = () =>
  new HttpProblem(429, 'Too many claims today; try again tomorrow.', { headers: { 'Retry-After': '3600' } });

/** The two day counters a claim attempt adds to, each refusing past its cap (index 0 and 1). */
function countAttempt(sub: string, target: string, nowMs: number): TransactItem[] {
  const day = wibDay(nowMs);
  const counter = (key: ReturnType<typeof claimKey>, max: number): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD #count :one SET #expires = if_not_exists(#expires, :expires)',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
      ExpressionAttributeNames: { '#count': 'count', '#expires': 'expiresAt' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':max': max,
        ':expires': expiresAfter(nowMs, 2 * 24 * 3600).expiresAt,
      },
    },
  });
  return [
    counter(accountClaimsKey(sub, day), ACCOUNT_CLAIMS_PER_DAY),
    counter(targetClaimsKey(target, day), TARGET_CLAIMS_PER_DAY),
  ];
}

/** Counts an attempt that checks a letter code; 429 past either cap. */
export async function countLetterAttempt(sub: string, target: string, nowMs: number): Promise<void> {
  try {
    await transactWrite(countAttempt(sub, target, nowMs));
  } catch (error) {
    if (error instanceof TransactionCancelled) throw tooManyClaims();
    throw error;
  }
}

export interface ClaimMail {
  email: string;
  code: string;
  businessName: string;
}

/**
 * Opens a claim in one transaction with the day's counters and, when the details matched a record with an
 * address, the code's mail in the outbox (the mailer sends it from the table's stream; the outbox item,
 * the only place the plain code is written, expires with the claim). 429 past a counter's cap.
 */
export async function openClaim(input: {
  sub: string;
  target: string;
  code: HashedCode;
  businessId?: string | undefined;
  mail?: ClaimMail | undefined;
  nowMs: number;
}): Promise<Claim> {
  const claim: Claim = {
    id: newId(input.nowMs),
    sub: input.sub,
    ...(input.businessId === undefined ? {} : { businessId: input.businessId }),
    salt: input.code.salt,
    codeHash: input.code.codeHash,
    attempts: 0,
    createdAt: new Date(input.nowMs).toISOString(),
    ...expiresAfter(input.nowMs, MAIL_CODE_SECONDS),
  };
  const items: TransactItem[] = [
    ...countAttempt(input.sub, input.target, input.nowMs),
    { Put: { TableName: tableName, Item: { ...claimKey(claim.id), entity: 'claim', ...claim } } },
    ...(input.mail
      ? [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...claimOutboxKey(claim.id, newId(input.nowMs)),
                kind: 'claim-code',
                claimId: claim.id,
                email: input.mail.email,
                code: input.mail.code,
                businessName: input.mail.businessName,
                validUntil: new Date(claim.expiresAt * 1000).toISOString(),
                language: 'id',
                expiresAt: claim.expiresAt,
              },
            },
          },
        ]
      : []),
  ];
  try {
    await transactWrite(items);
    return claim;
  } catch (error) {
    if (error instanceof TransactionCancelled && (error.failedAt(0) || error.failedAt(1)))
      throw tooManyClaims();
    throw error;
  }
}

export async function findClaim(id: string): Promise<Claim | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: claimKey(id) }));
  return Item ? recordOf<Claim>(Item) : undefined;
}

/**
 * Spends one try at a code, if any is left and the code is neither used nor expired: true when the try
 * may go ahead. One conditional update, so parallel tries cannot exceed the cap.
 */
async function spendAttempt(key: ReturnType<typeof claimKey>, nowMs: number): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression:
          'attribute_exists(PK) AND attempts < :max AND expiresAt > :now AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_ATTEMPTS, ':now': Math.floor(nowMs / 1000) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export const spendClaimAttempt = (id: string, nowMs: number) => spendAttempt(claimKey(id), nowMs);
export const spendLetterAttempt = (businessId: string, nowMs: number) =>
  spendAttempt(claimLetterKey(businessId), nowMs);

/** In the claim's transaction: the claim is used up (and was not used by a parallel request). */
export const claimUsed = (id: string, now: string): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: claimKey(id),
    UpdateExpression: 'SET usedAt = :now',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)',
    ExpressionAttributeValues: { ':now': now },
  },
});

/** Prints a new letter's code for a business (replacing any earlier letter: its code stops working). */
export async function putClaimLetter(letter: ClaimLetter): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...claimLetterKey(letter.businessId), entity: 'claimLetter', ...letter },
    }),
  );
}

export async function findClaimLetter(businessId: string): Promise<ClaimLetter | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: claimLetterKey(businessId) }));
  return Item ? recordOf<ClaimLetter>(Item) : undefined;
}

/** In the claim's transaction: the letter is used up. */
export const letterUsed = (businessId: string): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: claimLetterKey(businessId),
    ConditionExpression: 'attribute_exists(PK)',
  },
});

/** Removes a business's letter (erasure of the business). */
export async function deleteClaimLetter(businessId: string): Promise<void> {
  await ddb.send(new DeleteCommand({ TableName: tableName, Key: claimLetterKey(businessId) }));
}
