import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { packageVersion } from './package-info.ts';
import { UmkmHubStack } from './stack.ts';
import { stageConfig } from './stages.ts';

/** The CDK app with its one stack for the stage in context (`-c stage=dev|prod`), checked by cdk-nag. */
export function createApp(props: AppProps = {}) {
  const app = new App(props);
  const stage = stageConfig(
    app.node.tryGetContext('stage') ?? 'dev',
    app.node.tryGetContext('corsAllowOrigins'),
    app.node.tryGetContext('webUrl'),
  );
  const stack = new UmkmHubStack(app, `UmkmHub-${stage.name}`, {
    stage,
    version: packageVersion,
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-3',
    },
    description: 'UMKM Hub: backend of Kota Bekasi’s UMKM programme (Dinas Koperasi dan UKM)',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
