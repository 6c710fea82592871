// The production web server (`npm start` runs it): Next's production server behind a Node HTTP server whose
// listener answers the SDK ingestion route and malformed paths itself (lib/http/fast-path-listener.ts), and
// requests Node cannot parse (lib/http/answer-client-error.ts), and hands everything else to Next.
// `npm run dev` runs `next dev` instead.
import http from "node:http";
import next from "next";
import { disconnectDb } from "@/lib/db/client";
import { engineLimits } from "@/lib/engine/limits";
import { answerClientError } from "@/lib/http/answer-client-error";
import { createRequestListener } from "@/lib/http/fast-path-listener";
import { stopWhenTold } from "./lib/stop-when-told";

async function main() {
  // A bad limit stops the start here, with its name, rather than failing each deploy later.
  engineLimits();
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? "127.0.0.1";
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const server = http.createServer(createRequestListener({ fallback: app.getRequestHandler() }));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, hostname, resolve));
  console.log(`[web] listening on http://${hostname}:${port} (pid ${process.pid})`);

  stopWhenTold(async () => {
    // Stops accepting connections and closes idle keep-alive ones; requests in flight are answered first.
    // A client that keeps its connection busy is cut off after a grace period.
    const closed = new Promise((resolve) => server.close(resolve));
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    await closed;
    await app.close();
    await disconnectDb();
  });
}

main().catch((error) => {
  console.error(`[web] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
