// Helpers for the notification-destination tests: receivers on 127.0.0.1, the allow-list, a project to work in.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as createDestination } from "@/app/api/v1/projects/[projectId]/destinations/route";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

/** Sets REQUEST_ALLOW_HOSTS for the rest of the test file; call the returned function to put it back. */
export function setAllowHosts(value: string): () => void {
  const previous = process.env.REQUEST_ALLOW_HOSTS;
  process.env.REQUEST_ALLOW_HOSTS = value;
  return () => {
    if (previous === undefined) delete process.env.REQUEST_ALLOW_HOSTS;
    else process.env.REQUEST_ALLOW_HOSTS = previous;
  };
}

export type TReceived = { headers: http.IncomingHttpHeaders; body: string };

/**
 * A receiver on 127.0.0.1 that records what it gets and answers with `status`; "silent" reads the request
 * and never answers, "hang-up" drops the connection once the request has arrived.
 */
export async function startStub(status: number | "silent" | "hang-up") {
  const received: TReceived[] = [];
  let notify: () => void = () => {};
  const arrived = new Promise<void>((resolve) => (notify = resolve));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      notify();
      if (status === "hang-up") request.socket.destroy();
      else if (status !== "silent") response.writeHead(status).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    /** Resolves once the first request has arrived in full. */
    arrived,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function setupProject() {
  const project = await createTestProject();
  const cookie = await sessionCookie(project.ownerId);
  return { project, cookie, params: { projectId: project.id } };
}

export async function createViaApi(projectId: string, cookie: string, body: unknown = { name: "Pager", url: "https://hooks.example.com/switchyard" }) {
  return callRoute(createDestination, { params: { projectId }, headers: { cookie }, body });
}
