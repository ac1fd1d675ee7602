import type express from "express";

/** Pipes a Web Response (built by the API helpers) into Express's response. */
export async function sendResponse(res: express.Response, response: Response) {
  res.status(response.status);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}
