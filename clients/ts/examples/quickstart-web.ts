/**
 * Quickstart over gRPC-Web through the Envoy gateway: the transport a browser app uses
 * (`@connectrpc/connect-web` on fetch), run here under Node 20, whose global fetch it uses too.
 *
 *     AGENTBUILDER_HTTP=http://127.0.0.1:8080 npm run quickstart:web
 *
 * The API key comes from AGENTBUILDER_API_KEY, else from .agentbuilder/api-key.
 */

import { createGrpcWebTransport } from "@connectrpc/connect-web";

import { main } from "./quickstart.js";

const baseUrl = (process.env.AGENTBUILDER_HTTP || "http://127.0.0.1:8080").replace(/\/+$/, "");

await main((interceptors) => createGrpcWebTransport({ baseUrl, interceptors }));
