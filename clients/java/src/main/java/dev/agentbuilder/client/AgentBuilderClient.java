package dev.agentbuilder.client;

import agentbuilder.v1.AgentServiceGrpc;
import agentbuilder.v1.BlockServiceGrpc;
import agentbuilder.v1.ExecutionServiceGrpc;
import agentbuilder.v1.MetricsServiceGrpc;
import agentbuilder.v1.ToolServiceGrpc;
import agentbuilder.v1.WorkflowServiceGrpc;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A channel to an agentbuilder server and blocking stubs for its six services (hand-written; the
 * stubs and messages in {@code agentbuilder.v1} are generated).
 *
 * <p>Every call sends {@code authorization: Bearer <api key>}; unary calls without a deadline of
 * their own get the default one (10 s). gRPC retries a call that fails with UNAVAILABLE only if it
 * is safe to repeat ({@link #RETRYABLE_METHODS}): reads, and creates, which carry a {@code
 * request_id} the client fills in when it is empty, so that a repeated attempt returns what a lost
 * one created. Updates, deletes and the other actions are never retried: UNAVAILABLE may come after
 * the server committed the change.
 *
 * <pre>{@code
 * try (var client =
 *     AgentBuilderClient.builder("localhost:50051").apiKey(key).plaintext().build()) {
 *   var reply = client.agents().listAgents(ListAgentsRequest.getDefaultInstance());
 * }
 * }</pre>
 */
public final class AgentBuilderClient implements AutoCloseable {
  /** The deadline given to unary calls that do not set one. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

  /** Attempts (the first one included) of a retryable call the server answers UNAVAILABLE. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  /**
   * The methods gRPC retries on UNAVAILABLE: those that are safe to repeat. Reads change nothing;
   * creates and StartExecution carry a request_id ({@link RequestIds} fills an empty one), so a
   * repeat returns what the first attempt made; CancelExecution of a cancelled execution is a
   * no-op. StreamExecution is only retried before its response starts (gRPC's rule; in practice
   * before the first message): a stream that breaks later fails, and is resumed by calling it again
   * with after_sequence = the last sequence seen.
   *
   * <p>Update*, Delete*, PublishWorkflow, TestBlock, ResumeExecution and RetryExecution are not
   * here: the server may answer UNAVAILABLE after the change committed.
   */
  public static final List<MethodDescriptor<?, ?>> RETRYABLE_METHODS =
      List.of(
          AgentServiceGrpc.getGetAgentMethod(),
          AgentServiceGrpc.getListAgentsMethod(),
          AgentServiceGrpc.getListAgentVersionsMethod(),
          AgentServiceGrpc.getCreateAgentMethod(),
          ToolServiceGrpc.getGetToolMethod(),
          ToolServiceGrpc.getListToolsMethod(),
          ToolServiceGrpc.getCreateToolMethod(),
          BlockServiceGrpc.getGetBlockMethod(),
          BlockServiceGrpc.getListBlocksMethod(),
          BlockServiceGrpc.getListBlockVersionsMethod(),
          BlockServiceGrpc.getCreateBlockMethod(),
          WorkflowServiceGrpc.getGetWorkflowMethod(),
          WorkflowServiceGrpc.getListWorkflowsMethod(),
          WorkflowServiceGrpc.getValidateWorkflowMethod(),
          WorkflowServiceGrpc.getListWorkflowVersionsMethod(),
          WorkflowServiceGrpc.getGetWorkflowVersionMethod(),
          WorkflowServiceGrpc.getCreateWorkflowMethod(),
          ExecutionServiceGrpc.getGetExecutionMethod(),
          ExecutionServiceGrpc.getListExecutionsMethod(),
          ExecutionServiceGrpc.getStreamExecutionMethod(),
          ExecutionServiceGrpc.getStartExecutionMethod(),
          ExecutionServiceGrpc.getCancelExecutionMethod(),
          MetricsServiceGrpc.getGetExecutionStatsMethod(),
          MetricsServiceGrpc.getGetUsageMethod(),
          MetricsServiceGrpc.getGetSystemStatusMethod());

  private final ManagedChannel channel;
  private final CallCredentials credentials;
  private final AgentServiceGrpc.AgentServiceBlockingStub agents;
  private final ToolServiceGrpc.ToolServiceBlockingStub tools;
  private final BlockServiceGrpc.BlockServiceBlockingStub blocks;
  private final WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows;
  private final ExecutionServiceGrpc.ExecutionServiceBlockingStub executions;
  private final MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

  private AgentBuilderClient(Builder builder) {
    var channelBuilder = Grpc.newChannelBuilder(builder.target, builder.channelCredentials);
    if (builder.maxAttempts > 1) {
      channelBuilder
          .defaultServiceConfig(retryServiceConfig(builder.maxAttempts))
          .enableRetry()
          .maxRetryAttempts(builder.maxAttempts);
    } else {
      channelBuilder.disableRetry();
    }
    channel =
        channelBuilder.intercept(new DefaultDeadline(builder.deadline), new RequestIds()).build();
    credentials = new ApiKeyCredentials(builder.apiKey);
    agents = AgentServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    tools = ToolServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    blocks = BlockServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    workflows = WorkflowServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    executions = ExecutionServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    metrics = MetricsServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
  }

  /** Starts a client for {@code target} ({@code host:port} or a gRPC target URI). */
  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** Agents: LLM configurations with their tools. */
  public AgentServiceGrpc.AgentServiceBlockingStub agents() {
    return agents;
  }

  /** Tools agents and workflow nodes call. */
  public ToolServiceGrpc.ToolServiceBlockingStub tools() {
    return tools;
  }

  /** Logic blocks: Python code run in the sandbox. */
  public BlockServiceGrpc.BlockServiceBlockingStub blocks() {
    return blocks;
  }

  /** Workflows: graphs of nodes, drafted then published. */
  public WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows() {
    return workflows;
  }

  /** Executions of published workflows and their event streams. */
  public ExecutionServiceGrpc.ExecutionServiceBlockingStub executions() {
    return executions;
  }

  /** Usage, cost and latency figures. */
  public MetricsServiceGrpc.MetricsServiceBlockingStub metrics() {
    return metrics;
  }

  /**
   * The channel (with the default deadline, request_id filling and retries), for async or future
   * stubs.
   */
  public Channel channel() {
    return channel;
  }

  /** The API key credentials: {@code stub.withCallCredentials(client.callCredentials())}. */
  public CallCredentials callCredentials() {
    return credentials;
  }

  /** Closes the channel, letting calls in flight finish for up to 5 seconds. */
  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The service config of the retry policy gRPC applies itself: UNAVAILABLE, and no other code, is
   * retried with exponential backoff (0.1 s, x2, at most 2 s, with gRPC's jitter) on {@link
   * #RETRYABLE_METHODS} only. grpc-java reads service config numbers as doubles.
   */
  static Map<String, Object> retryServiceConfig(int maxAttempts) {
    List<Map<String, Object>> names =
        RETRYABLE_METHODS.stream()
            .map(
                method ->
                    Map.<String, Object>of(
                        "service", method.getServiceName(), "method", method.getBareMethodName()))
            .toList();
    Map<String, Object> retryPolicy =
        Map.of(
            "maxAttempts", (double) maxAttempts,
            "initialBackoff", "0.1s",
            "maxBackoff", "2s",
            "backoffMultiplier", 2.0,
            "retryableStatusCodes", List.of("UNAVAILABLE"));
    return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retryPolicy)));
  }

  /** Options for {@link AgentBuilderClient}; TLS unless {@link #plaintext()}. */
  public static final class Builder {
    private final String target;
    private String apiKey;
    private ChannelCredentials channelCredentials = TlsChannelCredentials.create();
    private Duration deadline = DEFAULT_DEADLINE;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

    private Builder(String target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /** The API key sent as {@code authorization: Bearer <key>} on every call (required). */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * No TLS: for the local dev stack ({@code agentbuilder up}, {@code make run}) and trusted
     * networks only. Without it the channel uses TLS.
     */
    public Builder plaintext() {
      this.channelCredentials = InsecureChannelCredentials.create();
      return this;
    }

    /** TLS (or other) channel credentials, for example with a custom trust store. */
    public Builder channelCredentials(ChannelCredentials credentials) {
      this.channelCredentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The deadline of unary calls that set none; streams get none by default. */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be positive: " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Attempts per call on UNAVAILABLE (the first one included) for the methods that are safe to
     * repeat ({@link #RETRYABLE_METHODS}); 1 turns retries off.
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The client, with its channel connecting lazily on the first call. */
    public AgentBuilderClient build() {
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalStateException("an API key is required (agentbuilder api-key create)");
      }
      return new AgentBuilderClient(this);
    }
  }

  /** Adds {@code authorization: Bearer <key>} to every call. */
  private static final class ApiKeyCredentials extends CallCredentials {
    private static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Metadata headers = new Metadata();

    ApiKeyCredentials(String apiKey) {
      headers.put(AUTHORIZATION, "Bearer " + apiKey.strip());
    }

    @Override
    public void applyRequestMetadata(
        RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
      // Also over plaintext: the dev stack has no TLS. Use TLS anywhere else.
      Metadata copy = new Metadata();
      copy.merge(headers);
      applier.apply(copy);
    }
  }

  /** Gives unary calls without a deadline the default one; streams may run as long as needed. */
  private static final class DefaultDeadline implements ClientInterceptor {
    private final long nanos;

    DefaultDeadline(Duration deadline) {
      this.nanos = deadline.toNanos();
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
      if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
        options = options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
      }
      return next.newCall(method, options);
    }
  }

  /**
   * Fills an empty {@code request_id} with a random UUID, on every request message that has a
   * string field of that name (found through the message descriptor). The caller's message is
   * left as it is (messages are immutable: the call sends a copy), and gRPC replays that one copy
   * on every retry attempt, so all attempts carry the same id.
   */
  static final class RequestIds implements ClientInterceptor {
    static final String FIELD = "request_id";

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
      FieldDescriptor field = requestIdField(method);
      ClientCall<ReqT, RespT> call = next.newCall(method, options);
      if (field == null) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        @SuppressWarnings("unchecked")
        public void sendMessage(ReqT message) {
          if (message instanceof Message request && ((String) request.getField(field)).isEmpty()) {
            message =
                (ReqT) request.toBuilder().setField(field, UUID.randomUUID().toString()).build();
          }
          super.sendMessage(message);
        }
      };
    }

    private static FieldDescriptor requestIdField(MethodDescriptor<?, ?> method) {
      if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> m
          && m.getMessagePrototype() instanceof Message prototype) {
        FieldDescriptor field = prototype.getDescriptorForType().findFieldByName(FIELD);
        if (field != null
            && !field.isRepeated()
            && field.getJavaType() == FieldDescriptor.JavaType.STRING) {
          return field;
        }
      }
      return null;
    }
  }
}
