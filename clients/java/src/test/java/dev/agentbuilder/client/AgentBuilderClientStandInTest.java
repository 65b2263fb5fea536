package dev.agentbuilder.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agentbuilder.v1.AgentOuterClass.Agent;
import agentbuilder.v1.AgentServiceGrpc;
import agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest;
import agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse;
import agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest;
import agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse;
import agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest;
import agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse;
import agentbuilder.v1.BlockServiceGrpc;
import agentbuilder.v1.ExecutionServiceGrpc;
import agentbuilder.v1.MetricsServiceGrpc;
import agentbuilder.v1.ToolServiceGrpc;
import agentbuilder.v1.WorkflowServiceGrpc;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a stand-in AgentService on a loopback port (no agentbuilder server): what is
 * retried, what every attempt carries (key, deadline, request_id).
 */
class AgentBuilderClientStandInTest {
  private static final String KEY = "test-key";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> GRPC_TIMEOUT =
      Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Metadata> HEADERS = Context.key("headers");

  /** One attempt the stand-in saw. */
  record Attempt(String method, Metadata headers, Deadline deadline, Message request) {}

  /** Answers each attempt with the next scripted status; OK once the script is used up. */
  static final class StandIn extends AgentServiceGrpc.AgentServiceImplBase {
    final Deque<Status> script = new ArrayDeque<>();
    final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());

    private <T> void answer(String method, Message request, StreamObserver<T> reply, T ok) {
      attempts.add(new Attempt(method, HEADERS.get(), Context.current().getDeadline(), request));
      Status status;
      synchronized (script) {
        status = script.isEmpty() ? Status.OK : script.pop();
      }
      if (status.isOk()) {
        reply.onNext(ok);
        reply.onCompleted();
      } else {
        reply.onError(status.asRuntimeException());
      }
    }

    @Override
    public void getAgent(GetAgentRequest request, StreamObserver<GetAgentResponse> reply) {
      var agent = Agent.newBuilder().setId(request.getAgentId()).setName("a");
      answer("GetAgent", request, reply, GetAgentResponse.newBuilder().setAgent(agent).build());
    }

    @Override
    public void deleteAgent(DeleteAgentRequest request, StreamObserver<DeleteAgentResponse> reply) {
      answer("DeleteAgent", request, reply, DeleteAgentResponse.getDefaultInstance());
    }

    @Override
    public void createAgent(CreateAgentRequest request, StreamObserver<CreateAgentResponse> reply) {
      var agent = request.getAgent().toBuilder().setId(UUID.randomUUID().toString());
      var ok = CreateAgentResponse.newBuilder().setAgent(agent).build();
      answer("CreateAgent", request, reply, ok);
    }
  }

  /** Puts the request headers into the call's context, for the stand-in to record. */
  private static final ServerInterceptor RECORD_HEADERS =
      new ServerInterceptor() {
        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
          return Contexts.interceptCall(
              Context.current().withValue(HEADERS, headers), call, headers, next);
        }
      };

  private final StandIn standIn = new StandIn();
  private Server server;
  private AgentBuilderClient client;

  @BeforeEach
  void start() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(standIn, RECORD_HEADERS))
            .build()
            .start();
    client =
        AgentBuilderClient.builder("127.0.0.1:" + server.getPort())
            .apiKey(KEY)
            .plaintext()
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static void assertCarriesKeyAndDefaultDeadline(Attempt attempt) {
    assertEquals("Bearer " + KEY, attempt.headers().get(AUTHORIZATION), attempt.method());
    assertNotNull(attempt.headers().get(GRPC_TIMEOUT), "grpc-timeout on " + attempt.method());
    assertNotNull(attempt.deadline(), "deadline on " + attempt.method());
    long left = attempt.deadline().timeRemaining(TimeUnit.MILLISECONDS);
    assertTrue(left > 0 && left <= 10_500, "deadline " + left + " ms");
  }

  @Test
  void getAgentIsRetriedOnUnavailable() {
    standIn.script.add(Status.UNAVAILABLE.withDescription("restarting"));
    standIn.script.add(Status.UNAVAILABLE.withDescription("restarting"));

    var reply = client.agents().getAgent(GetAgentRequest.newBuilder().setAgentId("a1").build());

    assertEquals("a1", reply.getAgent().getId());
    assertEquals(3, standIn.attempts.size());
    standIn.attempts.forEach(AgentBuilderClientStandInTest::assertCarriesKeyAndDefaultDeadline);
  }

  @Test
  void deleteAgentIsNotRetried() {
    standIn.script.add(Status.UNAVAILABLE.withDescription("connection lost during COMMIT"));

    var error =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                client
                    .agents()
                    .deleteAgent(DeleteAgentRequest.newBuilder().setAgentId("a1").build()));

    assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
    assertEquals(1, standIn.attempts.size());
    assertCarriesKeyAndDefaultDeadline(standIn.attempts.get(0));
  }

  @Test
  void createAgentRetriesWithOneFilledRequestId() {
    standIn.script.add(Status.UNAVAILABLE);
    var request =
        CreateAgentRequest.newBuilder().setAgent(Agent.newBuilder().setName("helper")).build();

    client.agents().createAgent(request);

    assertEquals(2, standIn.attempts.size());
    standIn.attempts.forEach(AgentBuilderClientStandInTest::assertCarriesKeyAndDefaultDeadline);
    var ids =
        standIn.attempts.stream()
            .map(attempt -> ((CreateAgentRequest) attempt.request()).getRequestId())
            .toList();
    assertEquals(ids.get(0), ids.get(1));
    assertEquals(ids.get(0), UUID.fromString(ids.get(0)).toString());
    assertEquals("", request.getRequestId(), "the caller's request is not changed");
  }

  @Test
  void aGivenRequestIdIsKept() {
    var request =
        CreateAgentRequest.newBuilder()
            .setAgent(Agent.newBuilder().setName("helper"))
            .setRequestId("mine")
            .build();

    client.agents().createAgent(request);

    assertEquals("mine", ((CreateAgentRequest) standIn.attempts.get(0).request()).getRequestId());
  }

  @Test
  void theCallersDeadlineWinsOverTheDefault() {
    client
        .agents()
        .withDeadlineAfter(60, TimeUnit.SECONDS)
        .getAgent(GetAgentRequest.newBuilder().setAgentId("a1").build());

    long left = standIn.attempts.get(0).deadline().timeRemaining(TimeUnit.SECONDS);
    assertTrue(left > 30 && left <= 60, "deadline " + left + " s");
  }

  @Test
  void retriesOnlyUnavailableAndOnlyTheSafeMethods() {
    var config = AgentBuilderClient.retryServiceConfig(4).toString();
    assertTrue(config.contains("retryableStatusCodes=[UNAVAILABLE]"), config);
    assertTrue(config.contains("maxAttempts=4.0"), config);

    Set<String> notRetried =
        Set.of(
            "UpdateAgent", "DeleteAgent", "UpdateTool", "DeleteTool", "UpdateBlock", "DeleteBlock",
            "TestBlock", "UpdateWorkflow", "DeleteWorkflow", "PublishWorkflow", "ResumeExecution",
            "RetryExecution");
    Set<String> retried =
        AgentBuilderClient.RETRYABLE_METHODS.stream()
            .map(MethodDescriptor::getFullMethodName)
            .collect(Collectors.toSet());
    var services =
        Stream.of(
            AgentServiceGrpc.getServiceDescriptor(),
            ToolServiceGrpc.getServiceDescriptor(),
            BlockServiceGrpc.getServiceDescriptor(),
            WorkflowServiceGrpc.getServiceDescriptor(),
            ExecutionServiceGrpc.getServiceDescriptor(),
            MetricsServiceGrpc.getServiceDescriptor());
    services
        .map(ServiceDescriptor::getMethods)
        .flatMap(java.util.Collection::stream)
        .forEach(
            method ->
                assertEquals(
                    !notRetried.contains(method.getBareMethodName()),
                    retried.contains(method.getFullMethodName()),
                    method.getFullMethodName()));
    assertFalse(retried.isEmpty());
  }
}
