// The one list of Resource Center API generations this build speaks. Each entry says what the generation can
// do (capabilities, t_ds_resources included), how it addresses resources (dialect), what the detection probes
// find on such a server, and how its adapter is opened. Every other list (the api choices, the demo's
// emulators, the detection, the factory) derives from this one. A new generation: one adapter file, one
// entry here, one emulator folder (src/emulator/generations).
import type { Capabilities, Generation } from '../core/capabilities.js';
import { GENERATIONS } from '../core/capabilities.js';
import { UDF_SUPPORT_V30_V31, UDF_SUPPORT_V32, UDF_SUPPORT_V33, type UdfFunctionSupport } from '../core/udf-function.js';
import type { DetectionFacts } from './detect.js';
import type { AdapterContext, ResourceCenter } from './port.js';
import { createV31Client, v31Capabilities } from './v31.js';
import { createV32Client, v32Capabilities } from './v32.js';
import { createV33Client, v33Capabilities } from './v33.js';

/** 3.0/3.1 address a resource by its numeric id (a row of t_ds_resources); 3.2 on by its storage path. */
export type Dialect = 'id' | 'storage-path';

/** What workflows are called in the API and the metadata tables: 3.3 renamed process definitions to workflow definitions. */
export type WorkflowNaming = 'process' | 'workflow';

export interface GenerationEntry {
  readonly id: Generation;
  /** ProcessDefinitionController / t_ds_process_definition up to 3.2, WorkflowDefinitionController / t_ds_workflow_definition on 3.3. */
  readonly workflowNaming: WorkflowNaming;
  readonly capabilities: Capabilities;
  readonly dialect: Dialect;
  readonly detection: DetectionFacts;
  /** UDF functions: how this generation binds them to jars, or why it has none (issue 13). */
  readonly udf: UdfFunctionSupport;
  /** The adapter, on an HTTP client the caller built and closes. */
  open(context: AdapterContext): ResourceCenter;
}

export const GENERATION_REGISTRY: { readonly [G in Generation]: GenerationEntry & { readonly id: G } } = {
  '3.0': {
    id: '3.0', udf: UDF_SUPPORT_V30_V31, capabilities: v31Capabilities('3.0'), dialect: 'id', workflowNaming: 'process',
    // Before 3.2, GET resources/base-dir is GET resources/{id} with a bad id (20004); FavTaskController came in 3.1.0.
    detection: { baseDir: false, favourites: false, verifyName: true },
    open: (context) => createV31Client('3.0', context),
  },
  '3.1': {
    id: '3.1', udf: UDF_SUPPORT_V30_V31, capabilities: v31Capabilities('3.1'), dialect: 'id', workflowNaming: 'process',
    detection: { baseDir: false, favourites: true, verifyName: true },
    open: (context) => createV31Client('3.1', context),
  },
  '3.2': {
    id: '3.2', udf: UDF_SUPPORT_V32, capabilities: v32Capabilities(), dialect: 'storage-path', workflowNaming: 'process',
    detection: { baseDir: true, favourites: true, verifyName: true },
    open: (context) => createV32Client(context),
  },
  '3.3': {
    id: '3.3', udf: UDF_SUPPORT_V33, capabilities: v33Capabilities(), dialect: 'storage-path', workflowNaming: 'workflow',
    // ResourcesController on dev@7e0095dca1 has no GET resources/verify-name any more.
    detection: { baseDir: true, favourites: true, verifyName: false },
    open: (context) => createV33Client(context),
  },
};

/** Every entry, oldest generation first. */
export const GENERATION_ENTRIES: readonly GenerationEntry[] = GENERATIONS.map((id) => GENERATION_REGISTRY[id]);

export function generationEntry(id: Generation): GenerationEntry {
  return GENERATION_REGISTRY[id];
}
