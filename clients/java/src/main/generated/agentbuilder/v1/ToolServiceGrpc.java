package agentbuilder.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
 * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
 * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ToolServiceGrpc {

  private ToolServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "agentbuilder.v1.ToolService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse> getCreateToolMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateTool",
      requestType = agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest.class,
      responseType = agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse> getCreateToolMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest, agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse> getCreateToolMethod;
    if ((getCreateToolMethod = ToolServiceGrpc.getCreateToolMethod) == null) {
      synchronized (ToolServiceGrpc.class) {
        if ((getCreateToolMethod = ToolServiceGrpc.getCreateToolMethod) == null) {
          ToolServiceGrpc.getCreateToolMethod = getCreateToolMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest, agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateTool"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ToolServiceMethodDescriptorSupplier("CreateTool"))
              .build();
        }
      }
    }
    return getCreateToolMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.GetToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.GetToolResponse> getGetToolMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTool",
      requestType = agentbuilder.v1.ToolServiceOuterClass.GetToolRequest.class,
      responseType = agentbuilder.v1.ToolServiceOuterClass.GetToolResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.GetToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.GetToolResponse> getGetToolMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.GetToolRequest, agentbuilder.v1.ToolServiceOuterClass.GetToolResponse> getGetToolMethod;
    if ((getGetToolMethod = ToolServiceGrpc.getGetToolMethod) == null) {
      synchronized (ToolServiceGrpc.class) {
        if ((getGetToolMethod = ToolServiceGrpc.getGetToolMethod) == null) {
          ToolServiceGrpc.getGetToolMethod = getGetToolMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ToolServiceOuterClass.GetToolRequest, agentbuilder.v1.ToolServiceOuterClass.GetToolResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTool"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.GetToolRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.GetToolResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ToolServiceMethodDescriptorSupplier("GetTool"))
              .build();
        }
      }
    }
    return getGetToolMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest,
      agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse> getListToolsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTools",
      requestType = agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest.class,
      responseType = agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest,
      agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse> getListToolsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest, agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse> getListToolsMethod;
    if ((getListToolsMethod = ToolServiceGrpc.getListToolsMethod) == null) {
      synchronized (ToolServiceGrpc.class) {
        if ((getListToolsMethod = ToolServiceGrpc.getListToolsMethod) == null) {
          ToolServiceGrpc.getListToolsMethod = getListToolsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest, agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTools"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ToolServiceMethodDescriptorSupplier("ListTools"))
              .build();
        }
      }
    }
    return getListToolsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse> getUpdateToolMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateTool",
      requestType = agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest.class,
      responseType = agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse> getUpdateToolMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest, agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse> getUpdateToolMethod;
    if ((getUpdateToolMethod = ToolServiceGrpc.getUpdateToolMethod) == null) {
      synchronized (ToolServiceGrpc.class) {
        if ((getUpdateToolMethod = ToolServiceGrpc.getUpdateToolMethod) == null) {
          ToolServiceGrpc.getUpdateToolMethod = getUpdateToolMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest, agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateTool"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ToolServiceMethodDescriptorSupplier("UpdateTool"))
              .build();
        }
      }
    }
    return getUpdateToolMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse> getDeleteToolMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteTool",
      requestType = agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest.class,
      responseType = agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest,
      agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse> getDeleteToolMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest, agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse> getDeleteToolMethod;
    if ((getDeleteToolMethod = ToolServiceGrpc.getDeleteToolMethod) == null) {
      synchronized (ToolServiceGrpc.class) {
        if ((getDeleteToolMethod = ToolServiceGrpc.getDeleteToolMethod) == null) {
          ToolServiceGrpc.getDeleteToolMethod = getDeleteToolMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest, agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteTool"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ToolServiceMethodDescriptorSupplier("DeleteTool"))
              .build();
        }
      }
    }
    return getDeleteToolMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ToolServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ToolServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ToolServiceStub>() {
        @java.lang.Override
        public ToolServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ToolServiceStub(channel, callOptions);
        }
      };
    return ToolServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ToolServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ToolServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ToolServiceBlockingV2Stub>() {
        @java.lang.Override
        public ToolServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ToolServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ToolServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ToolServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ToolServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ToolServiceBlockingStub>() {
        @java.lang.Override
        public ToolServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ToolServiceBlockingStub(channel, callOptions);
        }
      };
    return ToolServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ToolServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ToolServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ToolServiceFutureStub>() {
        @java.lang.Override
        public ToolServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ToolServiceFutureStub(channel, callOptions);
        }
      };
    return ToolServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
   * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
   * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a tool. INVALID_ARGUMENT for invalid fields or schemas that are not valid JSON
     * Schema; ALREADY_EXISTS if the name is taken. A retry with the same request_id returns the
     * tool created the first time.
     * </pre>
     */
    default void createTool(agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateToolMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one tool. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    default void getTool(agentbuilder.v1.ToolServiceOuterClass.GetToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.GetToolResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetToolMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the built-in tools and the caller's tools, oldest first.
     * </pre>
     */
    default void listTools(agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListToolsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask. ABORTED if tool.etag is set and stale;
     * FAILED_PRECONDITION for built-in tools.
     * </pre>
     */
    default void updateTool(agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateToolMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a tool. ABORTED if etag is set and stale; FAILED_PRECONDITION for built-in tools
     * and for tools that agents still use.
     * </pre>
     */
    default void deleteTool(agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteToolMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ToolService.
   * <pre>
   * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
   * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
   * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
   * </pre>
   */
  public static abstract class ToolServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ToolServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ToolService.
   * <pre>
   * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
   * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
   * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
   * </pre>
   */
  public static final class ToolServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ToolServiceStub> {
    private ToolServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ToolServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ToolServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a tool. INVALID_ARGUMENT for invalid fields or schemas that are not valid JSON
     * Schema; ALREADY_EXISTS if the name is taken. A retry with the same request_id returns the
     * tool created the first time.
     * </pre>
     */
    public void createTool(agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateToolMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one tool. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public void getTool(agentbuilder.v1.ToolServiceOuterClass.GetToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.GetToolResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetToolMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the built-in tools and the caller's tools, oldest first.
     * </pre>
     */
    public void listTools(agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListToolsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask. ABORTED if tool.etag is set and stale;
     * FAILED_PRECONDITION for built-in tools.
     * </pre>
     */
    public void updateTool(agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateToolMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a tool. ABORTED if etag is set and stale; FAILED_PRECONDITION for built-in tools
     * and for tools that agents still use.
     * </pre>
     */
    public void deleteTool(agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteToolMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ToolService.
   * <pre>
   * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
   * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
   * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
   * </pre>
   */
  public static final class ToolServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ToolServiceBlockingV2Stub> {
    private ToolServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ToolServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ToolServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a tool. INVALID_ARGUMENT for invalid fields or schemas that are not valid JSON
     * Schema; ALREADY_EXISTS if the name is taken. A retry with the same request_id returns the
     * tool created the first time.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse createTool(agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateToolMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one tool. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.GetToolResponse getTool(agentbuilder.v1.ToolServiceOuterClass.GetToolRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetToolMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the built-in tools and the caller's tools, oldest first.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse listTools(agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListToolsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask. ABORTED if tool.etag is set and stale;
     * FAILED_PRECONDITION for built-in tools.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse updateTool(agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateToolMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a tool. ABORTED if etag is set and stale; FAILED_PRECONDITION for built-in tools
     * and for tools that agents still use.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse deleteTool(agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteToolMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ToolService.
   * <pre>
   * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
   * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
   * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
   * </pre>
   */
  public static final class ToolServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ToolServiceBlockingStub> {
    private ToolServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ToolServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ToolServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a tool. INVALID_ARGUMENT for invalid fields or schemas that are not valid JSON
     * Schema; ALREADY_EXISTS if the name is taken. A retry with the same request_id returns the
     * tool created the first time.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse createTool(agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateToolMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one tool. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.GetToolResponse getTool(agentbuilder.v1.ToolServiceOuterClass.GetToolRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetToolMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the built-in tools and the caller's tools, oldest first.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse listTools(agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListToolsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask. ABORTED if tool.etag is set and stale;
     * FAILED_PRECONDITION for built-in tools.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse updateTool(agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateToolMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a tool. ABORTED if etag is set and stale; FAILED_PRECONDITION for built-in tools
     * and for tools that agents still use.
     * </pre>
     */
    public agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse deleteTool(agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteToolMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ToolService.
   * <pre>
   * Manages tools. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`). Built-in tools are
   * visible to all and read-only (FAILED_PRECONDITION on update or delete); other principals'
   * tools are NOT_FOUND. Errors carry google.rpc.ErrorInfo, invalid input google.rpc.BadRequest.
   * </pre>
   */
  public static final class ToolServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ToolServiceFutureStub> {
    private ToolServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ToolServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ToolServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a tool. INVALID_ARGUMENT for invalid fields or schemas that are not valid JSON
     * Schema; ALREADY_EXISTS if the name is taken. A retry with the same request_id returns the
     * tool created the first time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse> createTool(
        agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateToolMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one tool. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ToolServiceOuterClass.GetToolResponse> getTool(
        agentbuilder.v1.ToolServiceOuterClass.GetToolRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetToolMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the built-in tools and the caller's tools, oldest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse> listTools(
        agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListToolsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask. ABORTED if tool.etag is set and stale;
     * FAILED_PRECONDITION for built-in tools.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse> updateTool(
        agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateToolMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a tool. ABORTED if etag is set and stale; FAILED_PRECONDITION for built-in tools
     * and for tools that agents still use.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse> deleteTool(
        agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteToolMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_TOOL = 0;
  private static final int METHODID_GET_TOOL = 1;
  private static final int METHODID_LIST_TOOLS = 2;
  private static final int METHODID_UPDATE_TOOL = 3;
  private static final int METHODID_DELETE_TOOL = 4;

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
        case METHODID_CREATE_TOOL:
          serviceImpl.createTool((agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse>) responseObserver);
          break;
        case METHODID_GET_TOOL:
          serviceImpl.getTool((agentbuilder.v1.ToolServiceOuterClass.GetToolRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.GetToolResponse>) responseObserver);
          break;
        case METHODID_LIST_TOOLS:
          serviceImpl.listTools((agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse>) responseObserver);
          break;
        case METHODID_UPDATE_TOOL:
          serviceImpl.updateTool((agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse>) responseObserver);
          break;
        case METHODID_DELETE_TOOL:
          serviceImpl.deleteTool((agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse>) responseObserver);
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
          getCreateToolMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ToolServiceOuterClass.CreateToolRequest,
              agentbuilder.v1.ToolServiceOuterClass.CreateToolResponse>(
                service, METHODID_CREATE_TOOL)))
        .addMethod(
          getGetToolMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ToolServiceOuterClass.GetToolRequest,
              agentbuilder.v1.ToolServiceOuterClass.GetToolResponse>(
                service, METHODID_GET_TOOL)))
        .addMethod(
          getListToolsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ToolServiceOuterClass.ListToolsRequest,
              agentbuilder.v1.ToolServiceOuterClass.ListToolsResponse>(
                service, METHODID_LIST_TOOLS)))
        .addMethod(
          getUpdateToolMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ToolServiceOuterClass.UpdateToolRequest,
              agentbuilder.v1.ToolServiceOuterClass.UpdateToolResponse>(
                service, METHODID_UPDATE_TOOL)))
        .addMethod(
          getDeleteToolMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.ToolServiceOuterClass.DeleteToolRequest,
              agentbuilder.v1.ToolServiceOuterClass.DeleteToolResponse>(
                service, METHODID_DELETE_TOOL)))
        .build();
  }

  private static abstract class ToolServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ToolServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return agentbuilder.v1.ToolServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ToolService");
    }
  }

  private static final class ToolServiceFileDescriptorSupplier
      extends ToolServiceBaseDescriptorSupplier {
    ToolServiceFileDescriptorSupplier() {}
  }

  private static final class ToolServiceMethodDescriptorSupplier
      extends ToolServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ToolServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ToolServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ToolServiceFileDescriptorSupplier())
              .addMethod(getCreateToolMethod())
              .addMethod(getGetToolMethod())
              .addMethod(getListToolsMethod())
              .addMethod(getUpdateToolMethod())
              .addMethod(getDeleteToolMethod())
              .build();
        }
      }
    }
    return result;
  }
}
