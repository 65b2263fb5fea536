package dev.agentbuilder.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest;
import agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest;
import agentbuilder.v1.BlockOuterClass.Block;
import agentbuilder.v1.BlockOuterClass.BlockType;
import agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest;
import com.google.rpc.BadRequest.FieldViolation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariables;

/**
 * Against a running server: AGENTBUILDER_TARGET and AGENTBUILDER_API_KEY, as for the quickstart
 * (tests/e2e/test_client_java.py sets both). Skipped unless both are set.
 */
@EnabledIfEnvironmentVariables({
  @EnabledIfEnvironmentVariable(named = "AGENTBUILDER_TARGET", matches = ".+"),
  @EnabledIfEnvironmentVariable(named = "AGENTBUILDER_API_KEY", matches = ".+")
})
class AgentBuilderClientLiveTest {
  private static AgentBuilderClient connect(String apiKey) {
    return AgentBuilderClient.builder(System.getenv("AGENTBUILDER_TARGET"))
        .apiKey(apiKey)
        .plaintext()
        .build();
  }

  @Test
  void notFoundCarriesErrorInfo() {
    try (var client = connect(System.getenv("AGENTBUILDER_API_KEY"))) {
      var request = GetAgentRequest.newBuilder().setAgentId(UUID.randomUUID().toString()).build();
      var error =
          assertThrows(StatusRuntimeException.class, () -> client.agents().getAgent(request));

      assertEquals(Status.Code.NOT_FOUND, error.getStatus().getCode());
      var info = ErrorDetails.errorInfo(error).orElseThrow();
      assertEquals("agentbuilder", info.getDomain());
      assertEquals("AGENT_NOT_FOUND", info.getReason());
    }
  }

  @Test
  void invalidArgumentCarriesBadRequest() {
    try (var client = connect(System.getenv("AGENTBUILDER_API_KEY"))) {
      var request =
          CreateBlockRequest.newBuilder()
              .setBlock(
                  Block.newBuilder().setBlockType(BlockType.BLOCK_TYPE_LOGIC).setCode("output = 1"))
              .build();
      var error =
          assertThrows(StatusRuntimeException.class, () -> client.blocks().createBlock(request));

      assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
      var fields =
          ErrorDetails.badRequest(error).orElseThrow().getFieldViolationsList().stream()
              .map(FieldViolation::getField)
              .toList();
      assertTrue(fields.contains("block.name"), fields.toString());
    }
  }

  @Test
  void wrongKeyIsUnauthenticated() {
    try (var client = connect("not-a-key")) {
      var error =
          assertThrows(
              StatusRuntimeException.class,
              () -> client.agents().listAgents(ListAgentsRequest.getDefaultInstance()));

      assertEquals(Status.Code.UNAUTHENTICATED, error.getStatus().getCode());
    }
  }
}
