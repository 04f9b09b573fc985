// The 3.1 and 3.3 capabilities the planner's unit tests plan against (as src/remote/generations.ts has
// them, written out so that a registry change does not silently change what those tests prove).
import { GIB, type Capabilities } from '../../src/core/capabilities.js';

export const v31: Capabilities = {
  generation: '3.1', renameKeepsIdentity: true, canRename: true, implicitParents: false, recursiveDelete: false,
  emptyFiles: false, fileNeedsExtension: false, dirNameMayHaveDot: true, maxNameLength: 64, maxFullNameLength: 128, maxFileSize: GIB,
  forbiddenInPath: [], keepsResourceTable: true,
};

export const v33: Capabilities = { ...v31, generation: '3.3', renameKeepsIdentity: false, implicitParents: true, recursiveDelete: true,
  emptyFiles: true, fileNeedsExtension: true, dirNameMayHaveDot: false, maxNameLength: null, maxFullNameLength: null, forbiddenInPath: ['..'], keepsResourceTable: false };
