/**
 * The quickstart's steps, whatever the transport: a logic block, a two-node workflow using it,
 * one run streamed to its end. quickstart-node.ts (gRPC) and quickstart-web.ts (gRPC-Web through
 * Envoy) only build the transport and call {@link main}.
 *
 * Prints one `event <sequence> <kind> [node]` line per event, then `output <json>`; exits
 * non-zero when a call or the run fails.
 */

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { toJson } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import type { Interceptor, Transport } from "@connectrpc/connect";

import { bearerAuth, createAgentBuilderClient, errorDetails } from "../src/client.js";
import type { AgentBuilderClient } from "../src/client.js";
import { BlockType } from "../src/gen/agentbuilder/v1/block_pb.js";
import { ExecutionEventSchema } from "../src/gen/agentbuilder/v1/execution_pb.js";
import type { ExecutionEvent } from "../src/gen/agentbuilder/v1/execution_pb.js";
import { NodeType } from "../src/gen/agentbuilder/v1/workflow_pb.js";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** AGENTBUILDER_API_KEY, else .agentbuilder/api-key (`make run` writes it at the repo root). */
export function apiKey(): string {
  const key = process.env.AGENTBUILDER_API_KEY;
  if (key) {
    return key.trim();
  }
  // `npm run` starts scripts in clients/ts; INIT_CWD is where it was typed. Parents are searched
  // too, so the key of a `make run` at the repository root is found from clients/ts as well.
  for (let dir = process.env.INIT_CWD ?? process.cwd(); ; dir = dirname(dir)) {
    const file = join(dir, ".agentbuilder", "api-key");
    if (existsSync(file)) {
      return readFileSync(file, "utf8").trim();
    }
    if (dirname(dir) === dir) {
      throw new Error("no API key: set AGENTBUILDER_API_KEY or run `make run` (.agentbuilder/api-key)");
    }
  }
}

/** The interceptors every quickstart transport gets: the API key on every call. */
export function interceptors(): Interceptor[] {
  return [bearerAuth(apiKey())];
}

/** Runs the quickstart over `transport`; resolves to the process exit code. */
export async function run(transport: Transport): Promise<number> {
  const client = createAgentBuilderClient({ transport });
  const workflowId = await createWorkflow(client);
  const { execution } = await client.executions.startExecution({
    workflowId,
    input: { value: 5 },
    requestId: randomUUID(),
  });
  // Breaking out of the loop after the terminal event cancels the stream.
  for await (const { event } of client.executions.streamExecution({ executionId: execution!.id })) {
    if (event && TERMINAL.has(show(event))) {
      return finish(event);
    }
  }
  throw new Error("the stream ended before a terminal event");
}

async function createWorkflow(client: AgentBuilderClient): Promise<string> {
  const { block } = await client.blocks.createBlock({
    block: {
      name: "doubler",
      blockType: BlockType.LOGIC,
      code: 'output = {"value": input["value"] * 2}',
    },
    // The same requestId on a retry returns this block instead of making a second one.
    requestId: randomUUID(),
  });
  const { workflow } = await client.workflows.createWorkflow({
    workflow: {
      name: "double twice",
      entryNodeId: "first",
      nodes: ["first", "second"].map((id) => ({ id, type: NodeType.BLOCK, refId: block!.id })),
      edges: [{ id: "first-to-second", source: "first", target: "second" }],
    },
    requestId: randomUUID(),
  });
  await client.workflows.publishWorkflow({ workflowId: workflow!.id });
  return workflow!.id;
}

/** Prints the event's line; returns its kind as the proto names it (step_completed). */
function show(event: ExecutionEvent): string {
  const { kind } = event;
  if (kind.case === undefined) {
    throw new Error(`event ${event.sequence} has no kind`);
  }
  const name = ExecutionEventSchema.field[kind.case]!.name;
  const node = "nodeId" in kind.value ? kind.value.nodeId : "";
  console.log(`event ${event.sequence} ${name}${node ? ` ${node}` : ""}`);
  return name;
}

function finish(event: ExecutionEvent): number {
  const { kind } = event;
  switch (kind.case) {
    case "completed": {
      const output = kind.value.output ? toJson(ValueSchema, kind.value.output) : null;
      console.log(`output ${JSON.stringify(output)}`);
      return 0;
    }
    case "failed":
      console.error(`run failed: code ${kind.value.error?.code}: ${kind.value.error?.message}`);
      return 1;
    case "cancelled":
      console.error(`run cancelled: ${kind.value.reason}`);
      return 1;
    default:
      throw new Error(`not a terminal event: ${kind.case}`);
  }
}

/** Runs the quickstart and exits: 0 when the run completed, 1 with the error otherwise. */
export async function main(transport: () => Transport): Promise<never> {
  try {
    process.exit(await run(transport()));
  } catch (error) {
    const { codeName, message, errorInfo, badRequest } = errorDetails(error);
    console.error(`${codeName}: ${message}`);
    if (errorInfo) {
      console.error(`  ErrorInfo: ${errorInfo.reason} (${errorInfo.domain})`, errorInfo.metadata);
    }
    for (const violation of badRequest?.fieldViolations ?? []) {
      console.error(`  BadRequest: ${violation.field}: ${violation.description}`);
    }
    process.exit(1);
  }
}
