// Operations of runs and Task History. Filled in by the runs API.
import type { TOperation } from "./define-operation";

export const RUN_OPERATIONS: TOperation[] = [];
