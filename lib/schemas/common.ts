import { z } from "zod";

export const ZUuid = z.uuid({ message: "Must be a UUID" });

export const ZIsoDateTime = z.string().meta({ format: "date-time" });

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ZName = z.string().trim().min(1, "Enter a name").max(100, "Use at most 100 characters");
