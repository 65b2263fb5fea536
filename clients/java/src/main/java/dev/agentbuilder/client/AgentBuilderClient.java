package dev.agentbuilder.client;

import agentbuilder.v1.AgentServiceGrpc;
import agentbuilder.v1.BlockServiceGrpc;
import agentbuilder.v1.ExecutionServiceGrpc;
import agentbuilder.v1.MetricsServiceGrpc;
import agentbuilder.v1.ToolServiceGrpc;
import agentbuilder.v1.WorkflowServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A channel to an agentbuilder server and blocking stubs for its six services (hand-written; the
 * stubs and messages in {@code agentbuilder.v1} are generated).
 *
 * <p>Every call sends {@code authorization: Bearer <api key>}; unary calls without a deadline of
 * their own get the default one (10 s); gRPC itself retries calls that fail with UNAVAILABLE (the
 * server restarting, a worker or database failover). Creates are only safe to retry with a {@code
 * request_id}, which makes the server return what a lost attempt already created.
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

  /** Attempts per call (the first one included) when the server answers UNAVAILABLE. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  static final List<String> SERVICES =
      List.of(
          AgentServiceGrpc.SERVICE_NAME,
          ToolServiceGrpc.SERVICE_NAME,
          BlockServiceGrpc.SERVICE_NAME,
          WorkflowServiceGrpc.SERVICE_NAME,
          ExecutionServiceGrpc.SERVICE_NAME,
          MetricsServiceGrpc.SERVICE_NAME);

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
    channel = channelBuilder.intercept(new DefaultDeadline(builder.deadline)).build();
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

  /** The channel (with the default deadline and retries), for async or future stubs. */
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
   * The retry policy gRPC applies itself: UNAVAILABLE is retried with exponential backoff, no
   * other code. grpc-java reads service config numbers as doubles.
   */
  static Map<String, Object> retryServiceConfig(int maxAttempts) {
    List<Map<String, Object>> names =
        SERVICES.stream().map(service -> Map.<String, Object>of("service", service)).toList();
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

    /** No TLS: for the local dev stack ({@code agentbuilder up}) and trusted networks only. */
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

    /** Attempts per call on UNAVAILABLE (the first one included); 1 turns retries off. */
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
}
