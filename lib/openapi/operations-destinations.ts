// Operations of failure-notification destinations. Filled in by the destinations API.
import type { TOperation } from "./define-operation";

export const DESTINATION_OPERATIONS: TOperation[] = [];
