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

/**
 * AGENTBUILDER_API_KEY, else .agentbuilder/api-key in the working directory or the nearest parent
 * that has one (`make run` writes it at the repository root); undefined when there is none.
 */
export function apiKey(): string | undefined {
  const key = process.env.AGENTBUILDER_API_KEY?.trim();
  if (key) {
    return key;
  }
  // `npm run` starts scripts in clients/ts; INIT_CWD is where it was typed.
  for (let dir = process.env.INIT_CWD ?? process.cwd(); ; dir = dirname(dir)) {
    const file = join(dir, ".agentbuilder", "api-key");
    if (existsSync(file)) {
      return readFileSync(file, "utf8").trim();
    }
    if (dirname(dir) === dir) {
      return undefined;
    }
  }
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
  // No deadline on the stream (a run may take long): the server ends it after the terminal event.
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
    case "failed": {
      const { code, message } = kind.value.error ?? {};
      console.error(`error: the run ended failed: ${message} (code ${code})`);
      return 1;
    }
    case "cancelled":
      console.error(`error: the run ended cancelled: ${kind.value.reason}`);
      return 1;
    default:
      throw new Error(`not a terminal event: ${kind.case}`);
  }
}

/**
 * Runs the quickstart over the transport `transport` makes with the given interceptors (the API
 * key), and exits: 0 when the run completed, 1 with the error otherwise.
 */
export async function main(transport: (interceptors: Interceptor[]) => Transport): Promise<never> {
  const key = apiKey();
  if (!key) {
    console.error("error: no API key: set AGENTBUILDER_API_KEY or run `make run` first");
    process.exit(1);
  }
  try {
    process.exit(await run(transport([bearerAuth(key)])));
  } catch (error) {
    const { codeName, message, errorInfo, badRequest } = errorDetails(error);
    console.error(`error: ${codeName}: ${message}`);
    if (errorInfo) {
      console.error(`  ErrorInfo reason=${errorInfo.reason} domain=${errorInfo.domain}`);
    }
    for (const violation of badRequest?.fieldViolations ?? []) {
      console.error(`  BadRequest field=${violation.field} description=${violation.description}`);
    }
    process.exit(1);
  }
}
