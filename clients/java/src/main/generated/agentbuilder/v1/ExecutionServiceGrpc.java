package agentbuilder.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
 * belong to the principal that started them (another principal's execution is NOT_FOUND).
 * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
 * google.rpc.BadRequest field violations.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ExecutionServiceGrpc {

  private ExecutionServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "agentbuilder.v1.ExecutionService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse> getStartExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StartExecution",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse> getStartExecutionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse> getStartExecutionMethod;
    if ((getStartExecutionMethod = ExecutionServiceGrpc.getStartExecutionMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getStartExecutionMethod = ExecutionServiceGrpc.getStartExecutionMethod) == null) {
          ExecutionServiceGrpc.getStartExecutionMethod = getStartExecutionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StartExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("StartExecution"))
              .build();
        }
      }
    }
    return getStartExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse> getGetExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExecution",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse> getGetExecutionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse> getGetExecutionMethod;
    if ((getGetExecutionMethod = ExecutionServiceGrpc.getGetExecutionMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getGetExecutionMethod = ExecutionServiceGrpc.getGetExecutionMethod) == null) {
          ExecutionServiceGrpc.getGetExecutionMethod = getGetExecutionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExecution"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("GetExecution"))
              .build();
        }
      }
    }
    return getGetExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse> getListExecutionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListExecutions",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse> getListExecutionsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest, agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse> getListExecutionsMethod;
    if ((getListExecutionsMethod = ExecutionServiceGrpc.getListExecutionsMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getListExecutionsMethod = ExecutionServiceGrpc.getListExecutionsMethod) == null) {
          ExecutionServiceGrpc.getListExecutionsMethod = getListExecutionsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest, agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListExecutions"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("ListExecutions"))
              .build();
        }
      }
    }
    return getListExecutionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse> getStreamExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamExecution",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse> getStreamExecutionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse> getStreamExecutionMethod;
    if ((getStreamExecutionMethod = ExecutionServiceGrpc.getStreamExecutionMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getStreamExecutionMethod = ExecutionServiceGrpc.getStreamExecutionMethod) == null) {
          ExecutionServiceGrpc.getStreamExecutionMethod = getStreamExecutionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamExecution"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("StreamExecution"))
              .build();
        }
      }
    }
    return getStreamExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse> getCancelExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CancelExecution",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse> getCancelExecutionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse> getCancelExecutionMethod;
    if ((getCancelExecutionMethod = ExecutionServiceGrpc.getCancelExecutionMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getCancelExecutionMethod = ExecutionServiceGrpc.getCancelExecutionMethod) == null) {
          ExecutionServiceGrpc.getCancelExecutionMethod = getCancelExecutionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CancelExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("CancelExecution"))
              .build();
        }
      }
    }
    return getCancelExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse> getResumeExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ResumeExecution",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse> getResumeExecutionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse> getResumeExecutionMethod;
    if ((getResumeExecutionMethod = ExecutionServiceGrpc.getResumeExecutionMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getResumeExecutionMethod = ExecutionServiceGrpc.getResumeExecutionMethod) == null) {
          ExecutionServiceGrpc.getResumeExecutionMethod = getResumeExecutionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ResumeExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("ResumeExecution"))
              .build();
        }
      }
    }
    return getResumeExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse> getRetryExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RetryExecution",
      requestType = agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest.class,
      responseType = agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest,
      agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse> getRetryExecutionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse> getRetryExecutionMethod;
    if ((getRetryExecutionMethod = ExecutionServiceGrpc.getRetryExecutionMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getRetryExecutionMethod = ExecutionServiceGrpc.getRetryExecutionMethod) == null) {
          ExecutionServiceGrpc.getRetryExecutionMethod = getRetryExecutionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest, agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RetryExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("RetryExecution"))
              .build();
        }
      }
    }
    return getRetryExecutionMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ExecutionServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceStub>() {
        @java.lang.Override
        public ExecutionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceStub(channel, callOptions);
        }
      };
    return ExecutionServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ExecutionServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingV2Stub>() {
        @java.lang.Override
        public ExecutionServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ExecutionServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ExecutionServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingStub>() {
        @java.lang.Override
        public ExecutionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceBlockingStub(channel, callOptions);
        }
      };
    return ExecutionServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ExecutionServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceFutureStub>() {
        @java.lang.Override
        public ExecutionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceFutureStub(channel, callOptions);
        }
      };
    return ExecutionServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
   * belong to the principal that started them (another principal's execution is NOT_FOUND).
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Starts a run of a published workflow version and returns at once (QUEUED).
     * NOT_FOUND for an unknown workflow or version; FAILED_PRECONDITION if the workflow has no
     * published version. A retry with the same request_id returns the same execution.
     * </pre>
     */
    default void startExecution(agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStartExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one execution with its steps.
     * </pre>
     */
    default void getExecution(agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's executions, newest first, optionally of one workflow and in one status.
     * </pre>
     */
    default void listExecutions(agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListExecutionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Streams an execution's events: first the stored ones after after_sequence, then live ones
     * as they happen, ending after the terminal event (completed, failed or cancelled).
     * Reconnecting with the last sequence seen loses nothing and repeats nothing.
     * </pre>
     */
    default void streamExecution(agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStreamExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Stops an execution: running work is interrupted (sandbox children killed, LLM calls
     * cancelled) and it ends CANCELLED. Cancelling a cancelled execution returns it unchanged;
     * a SUCCEEDED or FAILED one is FAILED_PRECONDITION.
     * </pre>
     */
    default void cancelExecution(agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCancelExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Answers the question of a WAITING_FOR_INPUT execution, which then continues.
     * FAILED_PRECONDITION if it is not waiting, or interrupt_id is not the pending one.
     * </pre>
     */
    default void resumeExecution(agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getResumeExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs a FAILED execution again from its last checkpoint, as its next attempt: steps that
     * completed are not run again. FAILED_PRECONDITION unless it is FAILED.
     * </pre>
     */
    default void retryExecution(agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRetryExecutionMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ExecutionService.
   * <pre>
   * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
   * belong to the principal that started them (another principal's execution is NOT_FOUND).
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static abstract class ExecutionServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ExecutionServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ExecutionService.
   * <pre>
   * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
   * belong to the principal that started them (another principal's execution is NOT_FOUND).
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class ExecutionServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ExecutionServiceStub> {
    private ExecutionServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts a run of a published workflow version and returns at once (QUEUED).
     * NOT_FOUND for an unknown workflow or version; FAILED_PRECONDITION if the workflow has no
     * published version. A retry with the same request_id returns the same execution.
     * </pre>
     */
    public void startExecution(agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getStartExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one execution with its steps.
     * </pre>
     */
    public void getExecution(agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's executions, newest first, optionally of one workflow and in one status.
     * </pre>
     */
    public void listExecutions(agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListExecutionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Streams an execution's events: first the stored ones after after_sequence, then live ones
     * as they happen, ending after the terminal event (completed, failed or cancelled).
     * Reconnecting with the last sequence seen loses nothing and repeats nothing.
     * </pre>
     */
    public void streamExecution(agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStreamExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Stops an execution: running work is interrupted (sandbox children killed, LLM calls
     * cancelled) and it ends CANCELLED. Cancelling a cancelled execution returns it unchanged;
     * a SUCCEEDED or FAILED one is FAILED_PRECONDITION.
     * </pre>
     */
    public void cancelExecution(agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCancelExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Answers the question of a WAITING_FOR_INPUT execution, which then continues.
     * FAILED_PRECONDITION if it is not waiting, or interrupt_id is not the pending one.
     * </pre>
     */
    public void resumeExecution(agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getResumeExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs a FAILED execution again from its last checkpoint, as its next attempt: steps that
     * completed are not run again. FAILED_PRECONDITION unless it is FAILED.
     * </pre>
     */
    public void retryExecution(agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRetryExecutionMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ExecutionService.
   * <pre>
   * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
   * belong to the principal that started them (another principal's execution is NOT_FOUND).
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class ExecutionServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionServiceBlockingV2Stub> {
    private ExecutionServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts a run of a published workflow version and returns at once (QUEUED).
     * NOT_FOUND for an unknown workflow or version; FAILED_PRECONDITION if the workflow has no
     * published version. A retry with the same request_id returns the same execution.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse startExecution(agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getStartExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one execution with its steps.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse getExecution(agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's executions, newest first, optionally of one workflow and in one status.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse listExecutions(agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListExecutionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams an execution's events: first the stored ones after after_sequence, then live ones
     * as they happen, ending after the terminal event (completed, failed or cancelled).
     * Reconnecting with the last sequence seen loses nothing and repeats nothing.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse>
        streamExecution(agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStreamExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stops an execution: running work is interrupted (sandbox children killed, LLM calls
     * cancelled) and it ends CANCELLED. Cancelling a cancelled execution returns it unchanged;
     * a SUCCEEDED or FAILED one is FAILED_PRECONDITION.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse cancelExecution(agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCancelExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Answers the question of a WAITING_FOR_INPUT execution, which then continues.
     * FAILED_PRECONDITION if it is not waiting, or interrupt_id is not the pending one.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse resumeExecution(agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getResumeExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs a FAILED execution again from its last checkpoint, as its next attempt: steps that
     * completed are not run again. FAILED_PRECONDITION unless it is FAILED.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse retryExecution(agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRetryExecutionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ExecutionService.
   * <pre>
   * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
   * belong to the principal that started them (another principal's execution is NOT_FOUND).
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class ExecutionServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionServiceBlockingStub> {
    private ExecutionServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts a run of a published workflow version and returns at once (QUEUED).
     * NOT_FOUND for an unknown workflow or version; FAILED_PRECONDITION if the workflow has no
     * published version. A retry with the same request_id returns the same execution.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse startExecution(agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getStartExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one execution with its steps.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse getExecution(agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's executions, newest first, optionally of one workflow and in one status.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse listExecutions(agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListExecutionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams an execution's events: first the stored ones after after_sequence, then live ones
     * as they happen, ending after the terminal event (completed, failed or cancelled).
     * Reconnecting with the last sequence seen loses nothing and repeats nothing.
     * </pre>
     */
    public java.util.Iterator<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse> streamExecution(
        agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStreamExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stops an execution: running work is interrupted (sandbox children killed, LLM calls
     * cancelled) and it ends CANCELLED. Cancelling a cancelled execution returns it unchanged;
     * a SUCCEEDED or FAILED one is FAILED_PRECONDITION.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse cancelExecution(agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCancelExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Answers the question of a WAITING_FOR_INPUT execution, which then continues.
     * FAILED_PRECONDITION if it is not waiting, or interrupt_id is not the pending one.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse resumeExecution(agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getResumeExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs a FAILED execution again from its last checkpoint, as its next attempt: steps that
     * completed are not run again. FAILED_PRECONDITION unless it is FAILED.
     * </pre>
     */
    public agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse retryExecution(agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRetryExecutionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ExecutionService.
   * <pre>
   * Runs published workflows and reports on their runs. Every RPC needs an API key; executions
   * belong to the principal that started them (another principal's execution is NOT_FOUND).
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class ExecutionServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ExecutionServiceFutureStub> {
    private ExecutionServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts a run of a published workflow version and returns at once (QUEUED).
     * NOT_FOUND for an unknown workflow or version; FAILED_PRECONDITION if the workflow has no
     * published version. A retry with the same request_id returns the same execution.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse> startExecution(
        agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getStartExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one execution with its steps.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse> getExecution(
        agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the caller's executions, newest first, optionally of one workflow and in one status.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse> listExecutions(
        agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListExecutionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Stops an execution: running work is interrupted (sandbox children killed, LLM calls
     * cancelled) and it ends CANCELLED. Cancelling a cancelled execution returns it unchanged;
     * a SUCCEEDED or FAILED one is FAILED_PRECONDITION.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse> cancelExecution(
        agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCancelExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Answers the question of a WAITING_FOR_INPUT execution, which then continues.
     * FAILED_PRECONDITION if it is not waiting, or interrupt_id is not the pending one.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse> resumeExecution(
        agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getResumeExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Runs a FAILED execution again from its last checkpoint, as its next attempt: steps that
     * completed are not run again. FAILED_PRECONDITION unless it is FAILED.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse> retryExecution(
        agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRetryExecutionMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_START_EXECUTION = 0;
  private static final int METHODID_GET_EXECUTION = 1;
  private static final int METHODID_LIST_EXECUTIONS = 2;
  private static final int METHODID_STREAM_EXECUTION = 3;
  private static final int METHODID_CANCEL_EXECUTION = 4;
  private static final int METHODID_RESUME_EXECUTION = 5;
  private static final int METHODID_RETRY_EXECUTION = 6;

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
        case METHODID_START_EXECUTION:
          serviceImpl.startExecution((agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse>) responseObserver);
          break;
        case METHODID_GET_EXECUTION:
          serviceImpl.getExecution((agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse>) responseObserver);
          break;
        case METHODID_LIST_EXECUTIONS:
          serviceImpl.listExecutions((agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse>) responseObserver);
          break;
        case METHODID_STREAM_EXECUTION:
          serviceImpl.streamExecution((agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse>) responseObserver);
          break;
        case METHODID_CANCEL_EXECUTION:
          serviceImpl.cancelExecution((agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse>) responseObserver);
          break;
        case METHODID_RESUME_EXECUTION:
          serviceImpl.resumeExecution((agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse>) responseObserver);
          break;
        case METHODID_RETRY_EXECUTION:
          serviceImpl.retryExecution((agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse>) responseObserver);
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
          getStartExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.StartExecutionResponse>(
                service, METHODID_START_EXECUTION)))
        .addMethod(
          getGetExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.GetExecutionResponse>(
                service, METHODID_GET_EXECUTION)))
        .addMethod(
          getListExecutionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.ListExecutionsResponse>(
                service, METHODID_LIST_EXECUTIONS)))
        .addMethod(
          getStreamExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.StreamExecutionResponse>(
                service, METHODID_STREAM_EXECUTION)))
        .addMethod(
          getCancelExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.CancelExecutionResponse>(
                service, METHODID_CANCEL_EXECUTION)))
        .addMethod(
          getResumeExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.ResumeExecutionResponse>(
                service, METHODID_RESUME_EXECUTION)))
        .addMethod(
          getRetryExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionRequest,
              agentbuilder.v1.ExecutionServiceOuterClass.RetryExecutionResponse>(
                service, METHODID_RETRY_EXECUTION)))
        .build();
  }

  private static abstract class ExecutionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ExecutionServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return agentbuilder.v1.ExecutionServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ExecutionService");
    }
  }

  private static final class ExecutionServiceFileDescriptorSupplier
      extends ExecutionServiceBaseDescriptorSupplier {
    ExecutionServiceFileDescriptorSupplier() {}
  }

  private static final class ExecutionServiceMethodDescriptorSupplier
      extends ExecutionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ExecutionServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ExecutionServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ExecutionServiceFileDescriptorSupplier())
              .addMethod(getStartExecutionMethod())
              .addMethod(getGetExecutionMethod())
              .addMethod(getListExecutionsMethod())
              .addMethod(getStreamExecutionMethod())
              .addMethod(getCancelExecutionMethod())
              .addMethod(getResumeExecutionMethod())
              .addMethod(getRetryExecutionMethod())
              .build();
        }
      }
    }
    return result;
  }
}
