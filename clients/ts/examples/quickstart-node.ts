/**
 * Quickstart over gRPC (HTTP/2, plaintext) straight to the server, from Node:
 *
 *     AGENTBUILDER_TARGET=localhost:50051 npm run quickstart:node
 *
 * The API key comes from AGENTBUILDER_API_KEY, else from .agentbuilder/api-key.
 */

import { createGrpcTransport } from "@connectrpc/connect-node";

import { main } from "./quickstart.js";

const target = process.env.AGENTBUILDER_TARGET || "localhost:50051";

await main((interceptors) => createGrpcTransport({ baseUrl: `http://${target}`, interceptors }));
