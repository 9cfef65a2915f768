import { createApp } from '../lib/app.ts';

/** `npx cdk deploy -c stage=prod` (stage dev by default); `npm run synth` checks it offline. */
createApp();
