import type { Metadata } from "next";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { Logo } from "@/components/shell/logo";

export const metadata: Metadata = { title: "New project" };

export default function NewProjectPage() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Logo />
      </div>
      <div className="w-full max-w-md rounded-md border border-neutral-200 bg-white p-6 shadow-xs sm:p-8">
        <h1 className="text-xl font-semibold">Create a project</h1>
        <p className="mt-1 text-sm text-neutral-600">
          A project holds one product&apos;s workflows, App Events, signing keys and connected users. Its id goes into SDK URLs.
        </p>
        <CreateProjectForm />
      </div>
    </main>
  );
}
