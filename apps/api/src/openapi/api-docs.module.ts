import { Module } from '@nestjs/common';
import { OPTIONAL_CREDENTIAL, REQUIRED_SCOPES } from '@app/authorization';
import { OPENAPI_SOURCE, type OpenApiSource } from '@app/platform';
import { loadContract } from './contract';
import { ROUTE_NOTES } from './route-notes';

/** Publishes the contract and the credential guard's metadata keys for /v2/openapi.json and /docs. */
@Module({
  providers: [
    {
      provide: OPENAPI_SOURCE,
      useFactory: (): OpenApiSource => {
        const contract = loadContract();
        return {
          contract,
          contractPrefix: new URL(contract.servers?.[0]?.url ?? '/v2', 'http://localhost').pathname.replace(/\/$/, ''),
          scopesMetadataKey: REQUIRED_SCOPES,
          optionalCredentialMetadataKey: OPTIONAL_CREDENTIAL,
          notes: ROUTE_NOTES,
        };
      },
    },
  ],
  exports: [OPENAPI_SOURCE],
})
export class ApiDocsModule {}
