package dev.agentbuilder.examples;

import agentbuilder.v1.BlockOuterClass.Block;
import agentbuilder.v1.BlockOuterClass.BlockType;
import agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest;
import agentbuilder.v1.ExecutionOuterClass.ExecutionEvent;
import agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest;
import agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest;
import agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse;
import agentbuilder.v1.WorkflowOuterClass.NodeType;
import agentbuilder.v1.WorkflowOuterClass.Workflow;
import agentbuilder.v1.WorkflowOuterClass.WorkflowEdge;
import agentbuilder.v1.WorkflowOuterClass.WorkflowNode;
import agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest;
import agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.agentbuilder.client.AgentBuilderClient;
import dev.agentbuilder.client.ErrorDetails;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.UUID;
import java.util.StringJoiner;

/**
 * Creates a block that doubles its input, a two-node workflow running it twice, publishes and
 * runs the workflow on {"value": 5}, prints its events as they stream and then its output
 * ({"value": 20}).
 *
 * <p>AGENTBUILDER_TARGET is the gRPC address (default localhost:50051); AGENTBUILDER_API_KEY the
 * key, else the contents of .agentbuilder/api-key (written by {@code agentbuilder up}) in this
 * directory or a parent.
 */
public final class Quickstart {
  private static final OneofDescriptor KIND = ExecutionEvent.getDescriptor().getOneofs().get(0);

  private Quickstart() {}

  public static void main(String[] args) throws IOException {
    String target = env("AGENTBUILDER_TARGET", "localhost:50051");
    String apiKey = apiKey();
    try (var client = AgentBuilderClient.builder(target).apiKey(apiKey).plaintext().build()) {
      System.exit(run(client));
    } catch (StatusRuntimeException e) {
      System.err.println("error: " + ErrorDetails.describe(e));
      System.exit(1);
    }
  }

  private static int run(AgentBuilderClient client) throws InvalidProtocolBufferException {
    Block block =
        client
            .blocks()
            .createBlock(
                CreateBlockRequest.newBuilder()
                    .setBlock(
                        Block.newBuilder()
                            .setName("doubler")
                            .setBlockType(BlockType.BLOCK_TYPE_LOGIC)
                            .setCode("output = {\"value\": input[\"value\"] * 2}"))
                    .setRequestId(UUID.randomUUID().toString())
                    .build())
            .getBlock();

    Workflow workflow =
        client
            .workflows()
            .createWorkflow(
                CreateWorkflowRequest.newBuilder()
                    .setWorkflow(
                        Workflow.newBuilder()
                            .setName("double twice")
                            .setEntryNodeId("first")
                            .addNodes(blockNode("first", block.getId()))
                            .addNodes(blockNode("second", block.getId()))
                            .addEdges(
                                WorkflowEdge.newBuilder()
                                    .setId("first-to-second")
                                    .setSource("first")
                                    .setTarget("second")))
                    .setRequestId(UUID.randomUUID().toString())
                    .build())
            .getWorkflow();
    var publish = PublishWorkflowRequest.newBuilder().setWorkflowId(workflow.getId()).build();
    client.workflows().publishWorkflow(publish);

    Struct input =
        Struct.newBuilder()
            .putFields("value", Value.newBuilder().setNumberValue(5).build())
            .build();
    String executionId =
        client
            .executions()
            .startExecution(
                StartExecutionRequest.newBuilder()
                    .setWorkflowId(workflow.getId())
                    .setInput(input)
                    .setRequestId(UUID.randomUUID().toString())
                    .build())
            .getExecution()
            .getId();

    // No deadline: the stream lasts as long as the run, which may take long (an agent, a human
    // approval). A stream that breaks is resumed by calling StreamExecution again with
    // after_sequence = the last sequence printed.
    Iterator<StreamExecutionResponse> stream =
        client
            .executions()
            .streamExecution(
                StreamExecutionRequest.newBuilder().setExecutionId(executionId).build());
    while (stream.hasNext()) {
      ExecutionEvent event = stream.next().getEvent();
      System.out.println(describe(event));
      switch (event.getKindCase()) {
        case COMPLETED -> {
          Value output = event.getCompleted().getOutput();
          System.out.println("output " + json(output));
          return 0;
        }
        case FAILED -> {
          System.err.println("error: " + ErrorDetails.describe(event.getFailed().getError()));
          return 1;
        }
        case CANCELLED -> {
          System.err.println("error: CANCELLED: " + event.getCancelled().getReason());
          return 1;
        }
        default -> {}
      }
    }
    System.err.println("error: the event stream ended before the execution finished");
    return 1;
  }

  private static WorkflowNode.Builder blockNode(String id, String blockId) {
    return WorkflowNode.newBuilder().setId(id).setType(NodeType.NODE_TYPE_BLOCK).setRefId(blockId);
  }

  /**
   * {@code event <sequence> <kind> [<node id>]}: kind is the proto name of the oneof member that is
   * set, and every event about one node carries its node_id.
   */
  private static String describe(ExecutionEvent event) {
    StringBuilder line = new StringBuilder("event ").append(event.getSequence());
    FieldDescriptor kind = event.getOneofFieldDescriptor(KIND);
    if (kind == null) {
      return line.append(" unknown").toString();
    }
    line.append(' ').append(kind.getName());
    Message payload = (Message) event.getField(kind);
    FieldDescriptor nodeId = payload.getDescriptorForType().findFieldByName("node_id");
    if (nodeId != null) {
      line.append(' ').append(payload.getField(nodeId));
    }
    return line.toString();
  }

  /**
   * Compact JSON, with integral numbers as integers ({@code {"value":20}}): JsonFormat would print
   * every google.protobuf.Value number as a double ({@code 20.0}).
   */
  static String json(Value value) throws InvalidProtocolBufferException {
    return switch (value.getKindCase()) {
      case NUMBER_VALUE -> {
        double number = value.getNumberValue();
        yield Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < 0x1p53
            ? Long.toString((long) number)
            : JsonFormat.printer().print(value);
      }
      case STRUCT_VALUE -> {
        StringJoiner fields = new StringJoiner(",", "{", "}");
        for (var field : value.getStructValue().getFieldsMap().entrySet()) {
          String key = json(Value.newBuilder().setStringValue(field.getKey()).build());
          fields.add(key + ":" + json(field.getValue()));
        }
        yield fields.toString();
      }
      case LIST_VALUE -> {
        StringJoiner items = new StringJoiner(",", "[", "]");
        for (Value item : value.getListValue().getValuesList()) {
          items.add(json(item));
        }
        yield items.toString();
      }
      case KIND_NOT_SET, NULL_VALUE -> "null";
      default -> JsonFormat.printer().print(value); // strings and booleans
    };
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static String apiKey() throws IOException {
    String key = System.getenv("AGENTBUILDER_API_KEY");
    if (key != null && !key.isBlank()) {
      return key.strip();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(".agentbuilder").resolve("api-key");
      if (Files.isReadable(file)) {
        return Files.readString(file).strip();
      }
    }
    System.err.println(
        "error: no API key: set AGENTBUILDER_API_KEY, or run `agentbuilder up` (it writes"
            + " .agentbuilder/api-key, looked for here and in every parent directory)");
    System.exit(1);
    return null;
  }
}
