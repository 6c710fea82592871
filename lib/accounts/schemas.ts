// Client-safe schemas of the account features, shared by the forms and the server actions.
import { z } from "zod";
import { ZEmail, ZSignUpRequest } from "@/lib/schemas/auth";
import { ZMembershipRole } from "@/lib/schemas/project";

/** The same rules as sign-up, so a password that can be chosen once can be chosen again. */
export const ZNewPassword = ZSignUpRequest.shape.password;
export const ZDisplayName = ZSignUpRequest.shape.name;

export const ZUpdateProfileRequest = z.object({ name: ZDisplayName });
export type TUpdateProfileRequest = z.infer<typeof ZUpdateProfileRequest>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(1024),
  newPassword: ZNewPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZForgotPasswordRequest = z.object({ email: ZEmail });

/** Tokens are 32 random bytes in base64url: 43 characters. Anything else names no link. */
export const ZLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid");

export const ZResetPasswordRequest = z.object({ token: ZLinkToken, password: ZNewPassword });
export type TResetPasswordRequest = z.infer<typeof ZResetPasswordRequest>;

export const ZCreateInviteRequest = z.object({ email: ZEmail, role: ZMembershipRole });
export type TCreateInviteRequest = z.infer<typeof ZCreateInviteRequest>;

export const ZChangeRoleRequest = z.object({ builderId: z.uuid({ message: "Must be a UUID" }), role: ZMembershipRole });
