import { createApp } from '../lib/app.ts';
import { dropBundlingProgress } from '../lib/quiet-bundling.ts';

dropBundlingProgress();
/** `npx cdk deploy -c stage=prod` (stage dev by default); `npm run synth` checks it offline. */
createApp();
