/** Every job a worker runs. The names are stored in the queue, so never rename one that has shipped. */
export const TASK_NAMES = ["system:probe", "system:maintenance", "run:advance", "run:notify-failed", "system:sweep-runs"] as const;
export type TTaskName = (typeof TASK_NAMES)[number];
