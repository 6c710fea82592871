import { Construction } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";

/** An honest placeholder for a section whose capability has not shipped yet. */
export function NotBuiltYet({ title, description, plan }: { title: string; description: string; plan: string[] }) {
  return (
    <div>
      <PageHeader title={title} description={description} actions={<Badge variant="warning">Not built yet</Badge>} />
      <div className="mt-6 rounded-md border border-dashed border-neutral-300 bg-white p-6 sm:p-8">
        <div className="flex items-start gap-3">
          <Construction className="mt-0.5 size-5 shrink-0 text-warning-600" aria-hidden />
          <div>
            <p className="font-medium">This section is not built yet.</p>
            <p className="mt-1 text-sm text-neutral-600">Nothing here works today. When it ships, you will be able to:</p>
            <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-neutral-700">
              {plan.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </div>
  );
}
