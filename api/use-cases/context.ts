import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { IdentityProvider } from '../auth/identity-provider';
import type { TokenService } from '../auth/tokens';

/** What use cases need from the outside world. */
export interface UseCaseContext {
  db: Knex;
  /** The shared clock; every "today" of the domain is derived from it. */
  now: () => Promise<Date>;
  identityProvider: IdentityProvider;
  tokens: TokenService;
  /** The process engine (Camunda 8 REST); routes that need it answer 503 without it. */
  camunda?: CamundaRestClient;
  /** The operator may move the business clock (BUSINESS_CLOCK_CONTROLLED=true; tests). */
  clockControlled?: boolean;
  /**
   * Development only: the folder (processes/) the modeler's deployments are written back to, so
   * an analyst's change can be committed. Unset in production.
   */
  processesWriteBack?: string;
}
