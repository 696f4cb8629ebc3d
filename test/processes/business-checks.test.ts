import { parseBpmn } from '../../engine';
import {
  CERTIFICATE_BUSINESSES,
  CertificateBusiness,
  businessChecks,
  cancellationChecks,
} from '../../domain/checks/business-checks';
import { passingContext } from '../domain/checks/context';
import { readProcessFile } from './process-files';

/*
 * The API checks a business on a certificate when the request arrives with the lists of
 * domain/checks/business-checks.ts; the diagram checks again right before writing with its
 * `checks` headers. Both must be the same list, or a request accepted at once fails later.
 */
async function checksHeaders(business: CertificateBusiness): Promise<Map<string, string[]>> {
  const { processes } = await parseBpmn(readProcessFile(`${business}.bpmn`));
  const found = new Map<string, string[]>();
  for (const node of processes[0].elements.values()) {
    if (node.taskType === 'application-checks') found.set(node.id, node.headers.checks.split(','));
  }
  return found;
}

describe('processes/business-checks - the diagrams re-check what the API checked', () => {
  it.each(CERTIFICATE_BUSINESSES.filter((b) => b !== 'cancellation'))(
    'should list the same checks in %s.bpmn as the API',
    async (business) => {
      const headers = await checksHeaders(business);
      expect([...headers.keys()]).toEqual(['checks']);
      expect(headers.get('checks')).toEqual(businessChecks(business, passingContext()));
    },
  );

  it('should check the employer in cancellation.bpmn exactly when the holder has one', async () => {
    const headers = await checksHeaders('cancellation');
    expect(headers.get('checks-employed')).toEqual(cancellationChecks(true));
    expect(headers.get('checks')).toEqual(cancellationChecks(false));
  });
});
