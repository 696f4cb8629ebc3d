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
import { reviewFileRoutes } from './review-files';
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
    ...reviewFileRoutes(ctx),
    ...taskRoutes(ctx),
    ...messageRoutes(ctx),
    ...certificateRoutes(ctx),
    ...certificateBusinessRoutes(ctx),
    ...operationRoutes(ctx),
    ...modelerRoutes(ctx),
    ...operationInstanceRoutes(ctx),
  ];
}
