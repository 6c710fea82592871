import { z } from "zod";
import { ZIsoDateTime, ZName, ZUuid } from "./common";

export const ZMembershipRole = z.enum(["owner", "member"]);
export type TMembershipRole = z.infer<typeof ZMembershipRole>;

export const ZProject = z
  .object({ id: ZUuid, name: z.string(), role: ZMembershipRole.nullable(), createdAt: ZIsoDateTime })
  .meta({ id: "Project", description: "role is null when the caller is a project API key" });
export type TProject = z.infer<typeof ZProject>;

export const ZProjectList = z.object({ projects: z.array(ZProject) });

export const ZCreateProjectRequest = z.object({ name: ZName }).meta({ id: "CreateProjectRequest" });
export type TCreateProjectRequest = z.infer<typeof ZCreateProjectRequest>;

export const ZUpdateProjectRequest = z.object({ name: ZName }).meta({ id: "UpdateProjectRequest" });
export type TUpdateProjectRequest = z.infer<typeof ZUpdateProjectRequest>;
