import { DIGEST_TEMPLATES } from '../functions/digest/templates.ts';
import {
  CLAIM_CODE_TEMPLATE,
  CONFIRMATION_TEMPLATES,
  type MailTemplate,
} from '../functions/mailer/templates.ts';

/** Every SES template the stack defines and the local runtime creates in the SES stand-in. */
export const MAIL_TEMPLATES: MailTemplate[] = [
  ...Object.values(CONFIRMATION_TEMPLATES),
  CLAIM_CODE_TEMPLATE,
  ...Object.values(DIGEST_TEMPLATES),
];
