/**
 * The call policy of src/client.ts against a stand-in server (Connect's own gRPC server on
 * 127.0.0.1:0, no agentbuilder): which calls are retried on UNAVAILABLE and how often, the
 * request_id a create gets, the API key and the deadline every attempt carries.
 *
 *     npm test
 */

import assert from "node:assert/strict";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, test } from "node:test";

import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ConnectRouter, HandlerContext } from "@connectrpc/connect";
import { connectNodeAdapter, createGrpcTransport } from "@connectrpc/connect-node";

import {
  DEFAULT_MAX_ATTEMPTS,
  RETRIED_METHODS,
  bearerAuth,
  createAgentBuilderClient,
} from "../src/client.js";
import type { AgentBuilderClient, AgentBuilderClientOptions } from "../src/client.js";
import {
  AgentService,
  CreateAgentRequestSchema,
} from "../src/gen/agentbuilder/v1/agent_service_pb.js";
import { BlockService } from "../src/gen/agentbuilder/v1/block_service_pb.js";
import { ExecutionService } from "../src/gen/agentbuilder/v1/execution_service_pb.js";
import { MetricsService } from "../src/gen/agentbuilder/v1/metrics_service_pb.js";
import { ToolService } from "../src/gen/agentbuilder/v1/tool_service_pb.js";
import { WorkflowService } from "../src/gen/agentbuilder/v1/workflow_service_pb.js";

const KEY = "test-key";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What the stand-in saw of one attempt. */
interface Attempt {
  method: string;
  authorization: string | null;
  /** The grpc-timeout header in milliseconds; undefined without one. */
  timeoutMs: number | undefined;
  requestId?: string;
}

let attempts: Attempt[] = [];
/** Per method, the codes its next attempts fail with, in order; then it succeeds. */
let failures: Record<string, Code[]> = {};

function answer(method: string, ctx: HandlerContext, requestId?: string): void {
  const timeout = ctx.requestHeader.get("grpc-timeout");
  attempts.push({
    method,
    authorization: ctx.requestHeader.get("authorization"),
    timeoutMs: timeout === null ? undefined : grpcTimeoutMs(timeout),
    ...(requestId === undefined ? {} : { requestId }),
  });
  const code = failures[method]?.shift();
  if (code !== undefined) {
    throw new ConnectError(`stand-in ${method} fails`, code);
  }
}

function grpcTimeoutMs(value: string): number {
  const units: Record<string, number> = { H: 3.6e6, M: 6e4, S: 1e3, m: 1, u: 1e-3, n: 1e-6 };
  const unit = units[value.slice(-1)];
  assert.ok(unit !== undefined, `grpc-timeout ${value}`);
  return Number(value.slice(0, -1)) * unit;
}

function routes(router: ConnectRouter): void {
  router.service(AgentService, {
    getAgent(request, ctx) {
      answer("GetAgent", ctx);
      return { agent: { id: request.agentId, name: "stand-in" } };
    },
    deleteAgent(_request, ctx) {
      answer("DeleteAgent", ctx);
      return {};
    },
    createAgent(request, ctx) {
      answer("CreateAgent", ctx, request.requestId);
      return { agent: { id: "a-1", name: request.agent?.name ?? "" } };
    },
  });
  router.service(ExecutionService, {
    async *streamExecution(request, ctx) {
      answer("StreamExecution", ctx);
      yield { event: { sequence: request.afterSequence + 1n } };
      const code = failures["StreamExecution:after-first"]?.shift();
      if (code !== undefined) {
        throw new ConnectError("stand-in stream breaks", code);
      }
      yield { event: { sequence: request.afterSequence + 2n } };
    },
  });
}

let server: http2.Http2Server;
const sessions = new Set<http2.ServerHttp2Session>();
let baseUrl = "";

before(async () => {
  server = http2.createServer(connectNodeAdapter({ routes }));
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const session of sessions) {
    session.destroy();
  }
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  attempts = [];
  failures = {};
});

function client(options: Partial<AgentBuilderClientOptions> = {}): AgentBuilderClient {
  const transport = createGrpcTransport({ baseUrl, interceptors: [bearerAuth(KEY)] });
  return createAgentBuilderClient({ transport, ...options });
}

/** The code `call` rejects with. */
async function failure(call: Promise<unknown>): Promise<Code> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error).code;
  }
  assert.fail("the call succeeded");
}

describe("retries", () => {
  test("GetAgent is retried on UNAVAILABLE, with the key and a deadline each time", async () => {
    failures = { GetAgent: [Code.Unavailable, Code.Unavailable] };
    const { agent } = await client().agents.getAgent({ agentId: "a-1" });
    assert.equal(agent?.id, "a-1");
    assert.equal(attempts.length, 3);
    for (const attempt of attempts) {
      assert.equal(attempt.authorization, `Bearer ${KEY}`);
      const timeout = attempt.timeoutMs ?? Infinity;
      assert.ok(timeout <= 10_000 && timeout > 9_000, `grpc-timeout ${timeout} ms`);
    }
  });

  test("DeleteAgent is not retried", async () => {
    failures = { DeleteAgent: [Code.Unavailable] };
    const code = await failure(client().agents.deleteAgent({ agentId: "a-1" }));
    assert.equal(code, Code.Unavailable);
    assert.equal(attempts.length, 1);
  });

  test("CreateAgent gets one request_id for all its attempts", async () => {
    failures = { CreateAgent: [Code.Unavailable] };
    const request = create(CreateAgentRequestSchema, { agent: { name: "helper" } });
    const { agent } = await client().agents.createAgent(request);
    assert.equal(agent?.name, "helper");
    assert.equal(attempts.length, 2);
    const [first, second] = attempts.map((attempt) => attempt.requestId);
    assert.match(first ?? "", UUID);
    assert.equal(second, first);
    assert.equal(request.requestId, "", "the caller's request is left as it was");
  });

  test("a request_id the caller set is sent as it is", async () => {
    await client().agents.createAgent({ agent: { name: "helper" }, requestId: "mine" });
    assert.deepEqual(
      attempts.map((attempt) => attempt.requestId),
      ["mine"],
    );
  });

  test("other codes are not retried", async () => {
    failures = { GetAgent: [Code.Internal] };
    assert.equal(await failure(client().agents.getAgent({ agentId: "a-1" })), Code.Internal);
    assert.equal(attempts.length, 1);
  });

  test(`at most ${DEFAULT_MAX_ATTEMPTS} attempts; maxAttempts 1 turns retries off`, async () => {
    failures = { GetAgent: Array(10).fill(Code.Unavailable) };
    assert.equal(await failure(client().agents.getAgent({})), Code.Unavailable);
    assert.equal(attempts.length, DEFAULT_MAX_ATTEMPTS);
    attempts = [];
    assert.equal(await failure(client({ maxAttempts: 1 }).agents.getAgent({})), Code.Unavailable);
    assert.equal(attempts.length, 1);
  });

  test("StreamExecution is retried before its first message only", async () => {
    const { executions } = client();
    failures = { StreamExecution: [Code.Unavailable] };
    const sequences: bigint[] = [];
    for await (const { event } of executions.streamExecution({ executionId: "e-1" })) {
      sequences.push(event!.sequence);
    }
    assert.deepEqual(sequences, [1n, 2n]);
    assert.equal(attempts.length, 2);
    assert.equal(attempts[0]?.timeoutMs, undefined, "streams get no default deadline");

    attempts = [];
    sequences.length = 0;
    failures = { "StreamExecution:after-first": [Code.Unavailable] };
    const stream = executions.streamExecution({ executionId: "e-1" });
    const code = await failure(
      (async () => {
        for await (const { event } of stream) {
          sequences.push(event!.sequence);
        }
      })(),
    );
    assert.equal(code, Code.Unavailable);
    assert.deepEqual(sequences, [1n]);
    assert.equal(attempts.length, 1);
  });

  test("every retried method exists", () => {
    const services = [
      AgentService,
      ToolService,
      BlockService,
      WorkflowService,
      ExecutionService,
      MetricsService,
    ];
    const methods = new Set(
      services.flatMap((service) => service.methods.map((m) => `${service.typeName}/${m.name}`)),
    );
    for (const name of RETRIED_METHODS) {
      assert.ok(methods.has(name), name);
    }
  });
});

describe("deadlines", () => {
  test("an explicit deadline wins over the default", async () => {
    await client().agents.getAgent({}, { timeoutMs: 2_500 });
    await client({ timeoutMs: 4_000 }).agents.getAgent({});
    const [explicit, configured] = attempts.map((attempt) => attempt.timeoutMs ?? 0);
    assert.ok(explicit! <= 2_500 && explicit! > 2_000, `${explicit}`);
    assert.ok(configured! <= 4_000 && configured! > 3_500, `${configured}`);
  });

  test("the deadline covers all the attempts", async () => {
    failures = { GetAgent: [Code.Unavailable, Code.Unavailable, Code.Unavailable] };
    await client().agents.getAgent({}, { timeoutMs: 5_000 });
    const timeouts = attempts.map((attempt) => attempt.timeoutMs ?? Infinity);
    assert.equal(timeouts.length, 4);
    for (let i = 1; i < timeouts.length; i++) {
      assert.ok(timeouts[i]! <= timeouts[i - 1]!, `${timeouts}`);
    }
  });
});
