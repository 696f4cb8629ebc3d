import type { Route } from '../route';
import type { UseCaseContext } from '../use-cases/context';
import { apiKeyRoutes } from './api-keys';
import { applicationRoutes } from './applications';
import { authRoutes } from './auth';
import { ceRecordRoutes } from './ce-records';
import { certificateBusinessRoutes } from './certificate-business';
import { certificateRoutes } from './certificates';
import { employmentRoutes } from './employments';
import { enterpriseRenameRoutes } from './enterprise-renames';
import { enterpriseRoutes } from './enterprises';
import { examResultRoutes } from './exam-results';
import { messageRoutes } from './messages';
import { modelerRoutes } from './modeler';
import { operationRoutes } from './operations';
import { operationInstanceRoutes } from './operations-instances';
import { passwordResetRoutes } from './password-resets';
import { personPhotoRoutes } from './person-photo';
import { personRoutes } from './persons';
import { processRequestRoutes } from './process-requests';
import { resumeRoutes } from './resume';
import { taskRoutes } from './tasks';

/** Every API operation, in the order the OpenAPI document lists them. */
export function apiRoutes(ctx: UseCaseContext): Route[] {
  return [
    ...authRoutes(ctx),
    ...passwordResetRoutes(ctx),
    ...personRoutes(ctx),
    ...personPhotoRoutes(ctx),
    ...resumeRoutes(ctx),
    ...enterpriseRoutes(ctx),
    ...apiKeyRoutes(ctx),
    ...processRequestRoutes(ctx),
    ...enterpriseRenameRoutes(ctx),
    ...employmentRoutes(ctx),
    ...examResultRoutes(ctx),
    ...ceRecordRoutes(ctx),
    ...applicationRoutes(ctx),
    ...taskRoutes(ctx),
    ...messageRoutes(ctx),
    ...certificateRoutes(ctx),
    ...certificateBusinessRoutes(ctx),
    ...operationRoutes(ctx),
<<<<<<< HEAD
    ...modelerRoutes(ctx),
=======
    ...operationInstanceRoutes(ctx),
>>>>>>> 9d2107b (Operations API (issue 11 item 3): process instances filtered and paged through the SDK, one instance with its diagram, path, per-element counts, incidents and variables; retry (retries then resolve), set variables, cancel (the application closed with the reason), restart at a step (modification, on the timeline); batch retry/cancel over the filter with a result per instance; stuck applications with cause and repairs, closing with a reason the applicant reads; e2e test through the real engine and workers)
  ];
}
