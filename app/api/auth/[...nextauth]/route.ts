// /api/auth/* — Auth.js sign-in, sign-out, session and OAuth callbacks for builders
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
