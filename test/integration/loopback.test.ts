import { describe, expect, inject, it } from 'vitest';
import { accepts, isLoopback, listeningAddresses, networkAddresses } from '../helpers/loopback.ts';

/** The stand-ins as the suites (and `npm start`) start them listen on loopback only. */
describe('local stand-ins', () => {
  const ports = {
    'DynamoDB Local': Number(new URL(inject('dynamoDbEndpoint')).port),
    'SES stand-in': Number(new URL(inject('sesEndpoint')).port),
    'S3 stand-in': Number(new URL(inject('s3Endpoint')).port),
  };
  for (const [name, port] of Object.entries(ports)) {
    it(`${name} listens on loopback only and refuses this machine's network addresses`, async () => {
      const listening = listeningAddresses(port);
      expect(listening.length, `${name} listens on port ${port}`).toBeGreaterThan(0);
      expect(listening.filter((address) => !isLoopback(address))).toEqual([]);
      expect(await accepts('127.0.0.1', port)).toBe(true);
      for (const address of networkAddresses()) expect(await accepts(address, port), address).toBe(false);
    });
  }
});
