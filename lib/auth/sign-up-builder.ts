import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { TSignUpRequest } from "@/lib/schemas/auth";
import { hashPassword } from "./password";

export async function signUpBuilder(input: TSignUpRequest): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.builder.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
