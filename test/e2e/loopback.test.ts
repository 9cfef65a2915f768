import { describe, expect, inject, it } from 'vitest';
import { accepts, isLoopback, listeningAddresses, networkAddresses } from '../helpers/loopback.ts';

/** What `npm start` runs (bin/local.ts) listens on loopback only: nothing of it is on the network. */
describe('npm start', () => {
  const ports = {
    'the API server': Number(new URL(inject('apiUrl')).port),
    'the SES stand-in': Number(new URL(inject('sesUrl')).port),
    'the S3 stand-in': Number(new URL(inject('s3Url')).port),
    'DynamoDB Local': inject('dynamoDbPort'),
  };
  for (const [name, port] of Object.entries(ports)) {
    it(`${name} listens on loopback only and refuses this machine's network addresses`, async () => {
      const listening = listeningAddresses(port);
      expect(listening.length, `${name} listens on port ${port}`).toBeGreaterThan(0);
      expect(listening.filter((address) => !isLoopback(address))).toEqual([]);
      for (const address of networkAddresses()) expect(await accepts(address, port), address).toBe(false);
    });
  }
});
