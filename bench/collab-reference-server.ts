/**
 * The reference for the collab bench: @y/websocket-server's own setupWSConnection (in memory,
 * no auth, no persistence) behind node:http and the same `ws` WebSocketServer Thicket uses, on
 * the same path shape (/collab/<room>). PORT comes from the environment; GET / answers 200.
 */
import http from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("okay"));
server.on("upgrade", (req, socket, head) => {
  const docName = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.replace(/^\/collab\//, ""));
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
server.listen(Number(process.env.PORT ?? 1234), "127.0.0.1", () => console.log("reference server listening"));
// Exit shortly after the signal, not inside it: tsx's launcher SIGKILLs a child that has not
// acknowledged the signal (over IPC) within 30 ms, which would lose a --cpu-prof profile.
const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close();
  setTimeout(() => process.exit(0), 100);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
