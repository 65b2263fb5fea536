package agentbuilder.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
 * state, computed from the database (for live operational figures, scrape the Prometheus
 * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
 * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
 * also carries google.rpc.BadRequest field violations.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class MetricsServiceGrpc {

  private MetricsServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "agentbuilder.v1.MetricsService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest,
      agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse> getGetExecutionStatsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExecutionStats",
      requestType = agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest.class,
      responseType = agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest,
      agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse> getGetExecutionStatsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest, agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse> getGetExecutionStatsMethod;
    if ((getGetExecutionStatsMethod = MetricsServiceGrpc.getGetExecutionStatsMethod) == null) {
      synchronized (MetricsServiceGrpc.class) {
        if ((getGetExecutionStatsMethod = MetricsServiceGrpc.getGetExecutionStatsMethod) == null) {
          MetricsServiceGrpc.getGetExecutionStatsMethod = getGetExecutionStatsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest, agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExecutionStats"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MetricsServiceMethodDescriptorSupplier("GetExecutionStats"))
              .build();
        }
      }
    }
    return getGetExecutionStatsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest,
      agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse> getGetUsageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetUsage",
      requestType = agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest.class,
      responseType = agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest,
      agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse> getGetUsageMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest, agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse> getGetUsageMethod;
    if ((getGetUsageMethod = MetricsServiceGrpc.getGetUsageMethod) == null) {
      synchronized (MetricsServiceGrpc.class) {
        if ((getGetUsageMethod = MetricsServiceGrpc.getGetUsageMethod) == null) {
          MetricsServiceGrpc.getGetUsageMethod = getGetUsageMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest, agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetUsage"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MetricsServiceMethodDescriptorSupplier("GetUsage"))
              .build();
        }
      }
    }
    return getGetUsageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest,
      agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse> getGetSystemStatusMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSystemStatus",
      requestType = agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest.class,
      responseType = agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest,
      agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse> getGetSystemStatusMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest, agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse> getGetSystemStatusMethod;
    if ((getGetSystemStatusMethod = MetricsServiceGrpc.getGetSystemStatusMethod) == null) {
      synchronized (MetricsServiceGrpc.class) {
        if ((getGetSystemStatusMethod = MetricsServiceGrpc.getGetSystemStatusMethod) == null) {
          MetricsServiceGrpc.getGetSystemStatusMethod = getGetSystemStatusMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest, agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSystemStatus"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MetricsServiceMethodDescriptorSupplier("GetSystemStatus"))
              .build();
        }
      }
    }
    return getGetSystemStatusMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static MetricsServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MetricsServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MetricsServiceStub>() {
        @java.lang.Override
        public MetricsServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MetricsServiceStub(channel, callOptions);
        }
      };
    return MetricsServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static MetricsServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MetricsServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MetricsServiceBlockingV2Stub>() {
        @java.lang.Override
        public MetricsServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MetricsServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return MetricsServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static MetricsServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MetricsServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MetricsServiceBlockingStub>() {
        @java.lang.Override
        public MetricsServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MetricsServiceBlockingStub(channel, callOptions);
        }
      };
    return MetricsServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static MetricsServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MetricsServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MetricsServiceFutureStub>() {
        @java.lang.Override
        public MetricsServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MetricsServiceFutureStub(channel, callOptions);
        }
      };
    return MetricsServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
   * state, computed from the database (for live operational figures, scrape the Prometheus
   * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
   * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
   * also carries google.rpc.BadRequest field violations.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Counts, success rate and duration percentiles of the caller's executions created in a
     * time window. INVALID_ARGUMENT for an end before its start, a window over 366 days or a
     * malformed workflow_id; an unknown workflow_id gives zero counts.
     * </pre>
     */
    default void getExecutionStats(agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExecutionStatsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Prompt and completion tokens and their cost used by the caller's executions in a time
     * window, in total and grouped by provider, model and/or day (UTC). INVALID_ARGUMENT for a
     * bad window (as GetExecutionStats) or a group_by listed twice.
     * </pre>
     */
    default void getUsage(agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetUsageMethod(), responseObserver);
    }

    /**
     * <pre>
     * The state of the system as a whole: sandbox workers of the server that answers, and the
     * execution queue shared by every replica.
     * </pre>
     */
    default void getSystemStatus(agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSystemStatusMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service MetricsService.
   * <pre>
   * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
   * state, computed from the database (for live operational figures, scrape the Prometheus
   * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
   * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
   * also carries google.rpc.BadRequest field violations.
   * </pre>
   */
  public static abstract class MetricsServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return MetricsServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service MetricsService.
   * <pre>
   * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
   * state, computed from the database (for live operational figures, scrape the Prometheus
   * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
   * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
   * also carries google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class MetricsServiceStub
      extends io.grpc.stub.AbstractAsyncStub<MetricsServiceStub> {
    private MetricsServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MetricsServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MetricsServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Counts, success rate and duration percentiles of the caller's executions created in a
     * time window. INVALID_ARGUMENT for an end before its start, a window over 366 days or a
     * malformed workflow_id; an unknown workflow_id gives zero counts.
     * </pre>
     */
    public void getExecutionStats(agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExecutionStatsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Prompt and completion tokens and their cost used by the caller's executions in a time
     * window, in total and grouped by provider, model and/or day (UTC). INVALID_ARGUMENT for a
     * bad window (as GetExecutionStats) or a group_by listed twice.
     * </pre>
     */
    public void getUsage(agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetUsageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The state of the system as a whole: sandbox workers of the server that answers, and the
     * execution queue shared by every replica.
     * </pre>
     */
    public void getSystemStatus(agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSystemStatusMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service MetricsService.
   * <pre>
   * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
   * state, computed from the database (for live operational figures, scrape the Prometheus
   * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
   * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
   * also carries google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class MetricsServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<MetricsServiceBlockingV2Stub> {
    private MetricsServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MetricsServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MetricsServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Counts, success rate and duration percentiles of the caller's executions created in a
     * time window. INVALID_ARGUMENT for an end before its start, a window over 366 days or a
     * malformed workflow_id; an unknown workflow_id gives zero counts.
     * </pre>
     */
    public agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse getExecutionStats(agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExecutionStatsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Prompt and completion tokens and their cost used by the caller's executions in a time
     * window, in total and grouped by provider, model and/or day (UTC). INVALID_ARGUMENT for a
     * bad window (as GetExecutionStats) or a group_by listed twice.
     * </pre>
     */
    public agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse getUsage(agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetUsageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The state of the system as a whole: sandbox workers of the server that answers, and the
     * execution queue shared by every replica.
     * </pre>
     */
    public agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse getSystemStatus(agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSystemStatusMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service MetricsService.
   * <pre>
   * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
   * state, computed from the database (for live operational figures, scrape the Prometheus
   * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
   * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
   * also carries google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class MetricsServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<MetricsServiceBlockingStub> {
    private MetricsServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MetricsServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MetricsServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Counts, success rate and duration percentiles of the caller's executions created in a
     * time window. INVALID_ARGUMENT for an end before its start, a window over 366 days or a
     * malformed workflow_id; an unknown workflow_id gives zero counts.
     * </pre>
     */
    public agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse getExecutionStats(agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExecutionStatsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Prompt and completion tokens and their cost used by the caller's executions in a time
     * window, in total and grouped by provider, model and/or day (UTC). INVALID_ARGUMENT for a
     * bad window (as GetExecutionStats) or a group_by listed twice.
     * </pre>
     */
    public agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse getUsage(agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetUsageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The state of the system as a whole: sandbox workers of the server that answers, and the
     * execution queue shared by every replica.
     * </pre>
     */
    public agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse getSystemStatus(agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSystemStatusMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service MetricsService.
   * <pre>
   * Aggregate answers about the caller's executions, their LLM usage and cost, and the system's
   * state, computed from the database (for live operational figures, scrape the Prometheus
   * /metrics endpoints). Every RPC needs an API key. Stats and usage cover the caller's own
   * executions only. Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input
   * also carries google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class MetricsServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<MetricsServiceFutureStub> {
    private MetricsServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MetricsServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MetricsServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Counts, success rate and duration percentiles of the caller's executions created in a
     * time window. INVALID_ARGUMENT for an end before its start, a window over 366 days or a
     * malformed workflow_id; an unknown workflow_id gives zero counts.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse> getExecutionStats(
        agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExecutionStatsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Prompt and completion tokens and their cost used by the caller's executions in a time
     * window, in total and grouped by provider, model and/or day (UTC). INVALID_ARGUMENT for a
     * bad window (as GetExecutionStats) or a group_by listed twice.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse> getUsage(
        agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetUsageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The state of the system as a whole: sandbox workers of the server that answers, and the
     * execution queue shared by every replica.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse> getSystemStatus(
        agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSystemStatusMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_EXECUTION_STATS = 0;
  private static final int METHODID_GET_USAGE = 1;
  private static final int METHODID_GET_SYSTEM_STATUS = 2;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_GET_EXECUTION_STATS:
          serviceImpl.getExecutionStats((agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse>) responseObserver);
          break;
        case METHODID_GET_USAGE:
          serviceImpl.getUsage((agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse>) responseObserver);
          break;
        case METHODID_GET_SYSTEM_STATUS:
          serviceImpl.getSystemStatus((agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getGetExecutionStatsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsRequest,
              agentbuilder.v1.MetricsServiceOuterClass.GetExecutionStatsResponse>(
                service, METHODID_GET_EXECUTION_STATS)))
        .addMethod(
          getGetUsageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.MetricsServiceOuterClass.GetUsageRequest,
              agentbuilder.v1.MetricsServiceOuterClass.GetUsageResponse>(
                service, METHODID_GET_USAGE)))
        .addMethod(
          getGetSystemStatusMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusRequest,
              agentbuilder.v1.MetricsServiceOuterClass.GetSystemStatusResponse>(
                service, METHODID_GET_SYSTEM_STATUS)))
        .build();
  }

  private static abstract class MetricsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    MetricsServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return agentbuilder.v1.MetricsServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("MetricsService");
    }
  }

  private static final class MetricsServiceFileDescriptorSupplier
      extends MetricsServiceBaseDescriptorSupplier {
    MetricsServiceFileDescriptorSupplier() {}
  }

  private static final class MetricsServiceMethodDescriptorSupplier
      extends MetricsServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    MetricsServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (MetricsServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new MetricsServiceFileDescriptorSupplier())
              .addMethod(getGetExecutionStatsMethod())
              .addMethod(getGetUsageMethod())
              .addMethod(getGetSystemStatusMethod())
              .build();
        }
      }
    }
    return result;
  }
}
