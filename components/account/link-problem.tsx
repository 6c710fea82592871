import { Link2Off } from "lucide-react";
import Link from "next/link";

/** A link that cannot be used (expired, used, revoked, unknown): what happened and where to go instead. */
export function LinkProblem({ title, message, action }: { title: string; message: string; action: { href: string; label: string } }) {
  return (
    <div role="alert">
      <div aria-hidden className="mb-3 flex size-10 items-center justify-center rounded-full bg-danger-50 text-danger-700">
        <Link2Off className="size-5" />
      </div>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-neutral-600">{message}</p>
      <p className="mt-6 text-center text-sm">
        <Link href={action.href} className="font-medium text-accent-700 hover:underline">
          {action.label}
        </Link>
      </p>
    </div>
  );
}
