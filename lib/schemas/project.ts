import { z } from "zod";
import { ZIsoDateTime, ZName, ZUuid } from "./common";
import { isValidTimeZone } from "./workflow";

export const ZMembershipRole = z.enum(["owner", "member"]);
export type TMembershipRole = z.infer<typeof ZMembershipRole>;

export const ZProject = z
  .object({
    id: ZUuid,
    name: z.string(),
    timezone: z.string().meta({ description: "The IANA zone of the project's schedules that name none" }),
    role: ZMembershipRole.nullable(),
    createdAt: ZIsoDateTime,
  })
  .meta({ id: "Project", description: "role is null when the caller is a project API key" });
export type TProject = z.infer<typeof ZProject>;

export const ZProjectList = z.object({ projects: z.array(ZProject) });

export const ZCreateProjectRequest = z.object({ name: ZName }).meta({ id: "CreateProjectRequest" });
export type TCreateProjectRequest = z.infer<typeof ZCreateProjectRequest>;

export const ZUpdateProjectRequest = z
  .object({
    name: ZName.optional(),
    timezone: z.string().refine(isValidTimeZone, "Unknown IANA time zone").optional().meta({ description: "Takes effect for schedules at their next deploy" }),
  })
  .refine((update) => update.name !== undefined || update.timezone !== undefined, { message: "Send a name or a timezone" })
  .meta({ id: "UpdateProjectRequest" });
export type TUpdateProjectRequest = z.infer<typeof ZUpdateProjectRequest>;
