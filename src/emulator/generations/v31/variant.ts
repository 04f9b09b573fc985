// Where 3.0 and 3.1 differ. The routes and services are shared; these flags are the differences
// read from a diff of ResourcesServiceImpl.java between tags 3.0.6 and 3.1.9.
import { DS_STATUS, format } from '../../../dolphinscheduler/status.js';
import { ServiceError } from '../../reply.js';

export interface V31Variant {
  name: '3.0' | '3.1';
  /** canOperatorPermissions (1400001 NO_CURRENT_OPERATING_PERMISSION) is checked from 3.1 on. */
  permissionChecks: boolean;
  /** checkDescriptionLength (1400004 DESCRIPTION_TOO_LONG_ERROR) from 3.1 on; 3.0 leaves it to the database. */
  descriptionLengthCheck: boolean;
  /** 3.1 refuses to delete a non-empty directory (20018, commit 006d8e21a6); 3.0 deletes it with its content. */
  refusesNonEmptyDelete: boolean;
  /** 3.0's updateResource checks ownership itself (30001); 3.1 relies on the permission check. */
  updateChecksOwner: boolean;
  /** FavTaskController (GET /favourite/taskTypes) exists from 3.1.0. */
  favouriteTaskTypes: boolean;
  /** `new ServiceException(String)`: 3.1 answers 10000 "Internal Server Error: …"; 3.0 leaves the code null. */
  serviceError(message: string): ServiceError;
}

export const V30: V31Variant = {
  name: '3.0',
  permissionChecks: false,
  descriptionLengthCheck: false,
  refusesNonEmptyDelete: false,
  updateChecksOwner: true,
  favouriteTaskTypes: false,
  // 3.0.6 ServiceException(String message) only calls super(message): `code` stays null.
  serviceError: (message) => new ServiceError(null, message),
};

export const V31: V31Variant = {
  name: '3.1',
  permissionChecks: true,
  descriptionLengthCheck: true,
  refusesNonEmptyDelete: true,
  updateChecksOwner: false,
  favouriteTaskTypes: true,
  serviceError: (message) => new ServiceError(DS_STATUS.INTERNAL_SERVER_ERROR_ARGS.code,
    format(DS_STATUS.INTERNAL_SERVER_ERROR_ARGS, message)),
};
