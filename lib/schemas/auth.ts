import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }).max(254));

export const ZSignInRequest = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password").max(1024),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZSignUpRequest = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: ZEmail,
  password: z.string().min(10, "Use at least 10 characters").max(1024),
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequest>;
