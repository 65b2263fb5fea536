/**
 * Live checks of src/client.ts against a running server, over both transports: the API key is
 * sent, unary calls get a deadline, and errors carry google.rpc.ErrorInfo and BadRequest.
 *
 *     AGENTBUILDER_TARGET=... AGENTBUILDER_HTTP=... AGENTBUILDER_API_KEY=... npm test
 */

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";

import { Code } from "@connectrpc/connect";
import type { Interceptor, Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createGrpcWebTransport } from "@connectrpc/connect-web";

import { bearerAuth, createAgentBuilderClient, errorDetails } from "../src/client.js";

function env(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} must be set (the address of a running agentbuilder)`);
  return value;
}

const transports: Record<string, (interceptors: Interceptor[]) => Transport> = {
  grpc: (interceptors) =>
    createGrpcTransport({ baseUrl: `http://${env("AGENTBUILDER_TARGET")}`, interceptors }),
  "grpc-web": (interceptors) =>
    createGrpcWebTransport({ baseUrl: env("AGENTBUILDER_HTTP"), interceptors }),
};

/** The error `call` rejects with, as errorDetails reads it. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return errorDetails(error);
  }
  assert.fail("the call succeeded");
}

for (const [name, transport] of Object.entries(transports)) {
  describe(name, () => {
    const client = createAgentBuilderClient({
      transport: transport([bearerAuth(env("AGENTBUILDER_API_KEY"))]),
    });

    test("NOT_FOUND carries ErrorInfo", async () => {
      const workflowId = randomUUID();
      const error = await failure(client.workflows.getWorkflow({ workflowId }));
      assert.equal(error.code, Code.NotFound);
      assert.equal(error.codeName, "NOT_FOUND");
      assert.equal(error.errorInfo?.reason, "WORKFLOW_NOT_FOUND");
      assert.equal(error.errorInfo?.domain, "agentbuilder");
      assert.equal(error.errorInfo?.metadata["resource_id"], workflowId);
    });

    test("INVALID_ARGUMENT carries BadRequest", async () => {
      const block = { name: "", code: "class Nope: pass" };
      const error = await failure(client.blocks.createBlock({ block }));
      assert.equal(error.codeName, "INVALID_ARGUMENT");
      const fields = error.badRequest?.fieldViolations.map((violation) => violation.field);
      assert.deepEqual(fields?.sort(), ["block.code", "block.name"]);
    });

    test("a wrong key is UNAUTHENTICATED", async () => {
      const stranger = createAgentBuilderClient({ transport: transport([bearerAuth("nope")]) });
      const error = await failure(stranger.tools.listTools({}));
      assert.equal(error.codeName, "UNAUTHENTICATED");
      assert.equal(error.errorInfo?.reason, "API_KEY_INVALID");
    });

    test("unary calls get the default deadline", async () => {
      let deadline: string | null = null;
      const spy: Interceptor = (next) => (request) => {
        deadline = request.header.get("grpc-timeout");
        return next(request);
      };
      const spied = createAgentBuilderClient({
        transport: transport([bearerAuth(env("AGENTBUILDER_API_KEY")), spy]),
      });
      await spied.tools.listTools({});
      // The time left of the call's deadline (set just before), in milliseconds.
      const left = () => Number(/^(\d+)m$/.exec(deadline ?? "")?.[1]);
      assert.ok(left() <= 10_000 && left() > 9_000, `grpc-timeout ${deadline}`);
      await spied.tools.listTools({}, { timeoutMs: 2_500 });
      assert.ok(left() <= 2_500 && left() > 2_000, `grpc-timeout ${deadline}`);
    });
  });
}
