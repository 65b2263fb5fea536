package agentbuilder.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
 * the principal that created them, and another principal's agent is NOT_FOUND.
 * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
 * google.rpc.BadRequest field violations.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AgentServiceGrpc {

  private AgentServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "agentbuilder.v1.AgentService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse> getCreateAgentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateAgent",
      requestType = agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest.class,
      responseType = agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse> getCreateAgentMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest, agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse> getCreateAgentMethod;
    if ((getCreateAgentMethod = AgentServiceGrpc.getCreateAgentMethod) == null) {
      synchronized (AgentServiceGrpc.class) {
        if ((getCreateAgentMethod = AgentServiceGrpc.getCreateAgentMethod) == null) {
          AgentServiceGrpc.getCreateAgentMethod = getCreateAgentMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest, agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateAgent"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AgentServiceMethodDescriptorSupplier("CreateAgent"))
              .build();
        }
      }
    }
    return getCreateAgentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse> getGetAgentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetAgent",
      requestType = agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest.class,
      responseType = agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse> getGetAgentMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest, agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse> getGetAgentMethod;
    if ((getGetAgentMethod = AgentServiceGrpc.getGetAgentMethod) == null) {
      synchronized (AgentServiceGrpc.class) {
        if ((getGetAgentMethod = AgentServiceGrpc.getGetAgentMethod) == null) {
          AgentServiceGrpc.getGetAgentMethod = getGetAgentMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest, agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetAgent"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AgentServiceMethodDescriptorSupplier("GetAgent"))
              .build();
        }
      }
    }
    return getGetAgentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest,
      agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse> getListAgentsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListAgents",
      requestType = agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest.class,
      responseType = agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest,
      agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse> getListAgentsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest, agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse> getListAgentsMethod;
    if ((getListAgentsMethod = AgentServiceGrpc.getListAgentsMethod) == null) {
      synchronized (AgentServiceGrpc.class) {
        if ((getListAgentsMethod = AgentServiceGrpc.getListAgentsMethod) == null) {
          AgentServiceGrpc.getListAgentsMethod = getListAgentsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest, agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListAgents"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AgentServiceMethodDescriptorSupplier("ListAgents"))
              .build();
        }
      }
    }
    return getListAgentsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse> getUpdateAgentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateAgent",
      requestType = agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest.class,
      responseType = agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse> getUpdateAgentMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest, agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse> getUpdateAgentMethod;
    if ((getUpdateAgentMethod = AgentServiceGrpc.getUpdateAgentMethod) == null) {
      synchronized (AgentServiceGrpc.class) {
        if ((getUpdateAgentMethod = AgentServiceGrpc.getUpdateAgentMethod) == null) {
          AgentServiceGrpc.getUpdateAgentMethod = getUpdateAgentMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest, agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateAgent"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AgentServiceMethodDescriptorSupplier("UpdateAgent"))
              .build();
        }
      }
    }
    return getUpdateAgentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse> getDeleteAgentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteAgent",
      requestType = agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest.class,
      responseType = agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest,
      agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse> getDeleteAgentMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest, agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse> getDeleteAgentMethod;
    if ((getDeleteAgentMethod = AgentServiceGrpc.getDeleteAgentMethod) == null) {
      synchronized (AgentServiceGrpc.class) {
        if ((getDeleteAgentMethod = AgentServiceGrpc.getDeleteAgentMethod) == null) {
          AgentServiceGrpc.getDeleteAgentMethod = getDeleteAgentMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest, agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteAgent"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AgentServiceMethodDescriptorSupplier("DeleteAgent"))
              .build();
        }
      }
    }
    return getDeleteAgentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest,
      agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse> getListAgentVersionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListAgentVersions",
      requestType = agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest.class,
      responseType = agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest,
      agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse> getListAgentVersionsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest, agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse> getListAgentVersionsMethod;
    if ((getListAgentVersionsMethod = AgentServiceGrpc.getListAgentVersionsMethod) == null) {
      synchronized (AgentServiceGrpc.class) {
        if ((getListAgentVersionsMethod = AgentServiceGrpc.getListAgentVersionsMethod) == null) {
          AgentServiceGrpc.getListAgentVersionsMethod = getListAgentVersionsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest, agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListAgentVersions"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AgentServiceMethodDescriptorSupplier("ListAgentVersions"))
              .build();
        }
      }
    }
    return getListAgentVersionsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AgentServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentServiceStub>() {
        @java.lang.Override
        public AgentServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentServiceStub(channel, callOptions);
        }
      };
    return AgentServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AgentServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentServiceBlockingV2Stub>() {
        @java.lang.Override
        public AgentServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return AgentServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AgentServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentServiceBlockingStub>() {
        @java.lang.Override
        public AgentServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentServiceBlockingStub(channel, callOptions);
        }
      };
    return AgentServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AgentServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentServiceFutureStub>() {
        @java.lang.Override
        public AgentServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentServiceFutureStub(channel, callOptions);
        }
      };
    return AgentServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
   * the principal that created them, and another principal's agent is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates an agent at version 1.
     * INVALID_ARGUMENT for invalid fields, including tool_ids that name no visible tool.
     * A retry with the same request_id returns the agent created the first time.
     * </pre>
     */
    default void createAgent(agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateAgentMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one agent. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    default void getAgent(agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetAgentMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's agents, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    default void listAgents(agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListAgentsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version.
     * ABORTED if agent.etag is set and stale; INVALID_ARGUMENT for unknown mask paths.
     * </pre>
     */
    default void updateAgent(agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateAgentMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes an agent and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    default void deleteAgent(agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteAgentMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists an agent's versions, newest first.
     * </pre>
     */
    default void listAgentVersions(agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListAgentVersionsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AgentService.
   * <pre>
   * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
   * the principal that created them, and another principal's agent is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static abstract class AgentServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AgentServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AgentService.
   * <pre>
   * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
   * the principal that created them, and another principal's agent is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class AgentServiceStub
      extends io.grpc.stub.AbstractAsyncStub<AgentServiceStub> {
    private AgentServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an agent at version 1.
     * INVALID_ARGUMENT for invalid fields, including tool_ids that name no visible tool.
     * A retry with the same request_id returns the agent created the first time.
     * </pre>
     */
    public void createAgent(agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateAgentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one agent. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public void getAgent(agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetAgentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's agents, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public void listAgents(agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListAgentsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version.
     * ABORTED if agent.etag is set and stale; INVALID_ARGUMENT for unknown mask paths.
     * </pre>
     */
    public void updateAgent(agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateAgentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes an agent and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public void deleteAgent(agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteAgentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists an agent's versions, newest first.
     * </pre>
     */
    public void listAgentVersions(agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListAgentVersionsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AgentService.
   * <pre>
   * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
   * the principal that created them, and another principal's agent is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class AgentServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AgentServiceBlockingV2Stub> {
    private AgentServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an agent at version 1.
     * INVALID_ARGUMENT for invalid fields, including tool_ids that name no visible tool.
     * A retry with the same request_id returns the agent created the first time.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse createAgent(agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one agent. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse getAgent(agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's agents, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse listAgents(agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListAgentsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version.
     * ABORTED if agent.etag is set and stale; INVALID_ARGUMENT for unknown mask paths.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse updateAgent(agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes an agent and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse deleteAgent(agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists an agent's versions, newest first.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse listAgentVersions(agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListAgentVersionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AgentService.
   * <pre>
   * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
   * the principal that created them, and another principal's agent is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class AgentServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AgentServiceBlockingStub> {
    private AgentServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an agent at version 1.
     * INVALID_ARGUMENT for invalid fields, including tool_ids that name no visible tool.
     * A retry with the same request_id returns the agent created the first time.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse createAgent(agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one agent. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse getAgent(agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's agents, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse listAgents(agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListAgentsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version.
     * ABORTED if agent.etag is set and stale; INVALID_ARGUMENT for unknown mask paths.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse updateAgent(agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes an agent and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse deleteAgent(agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteAgentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists an agent's versions, newest first.
     * </pre>
     */
    public agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse listAgentVersions(agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListAgentVersionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AgentService.
   * <pre>
   * Manages agents. Every RPC needs an API key (`authorization: Bearer &lt;key&gt;`); agents belong to
   * the principal that created them, and another principal's agent is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class AgentServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<AgentServiceFutureStub> {
    private AgentServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an agent at version 1.
     * INVALID_ARGUMENT for invalid fields, including tool_ids that name no visible tool.
     * A retry with the same request_id returns the agent created the first time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse> createAgent(
        agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateAgentMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one agent. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse> getAgent(
        agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetAgentMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the caller's agents, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse> listAgents(
        agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListAgentsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version.
     * ABORTED if agent.etag is set and stale; INVALID_ARGUMENT for unknown mask paths.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse> updateAgent(
        agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateAgentMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes an agent and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse> deleteAgent(
        agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteAgentMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists an agent's versions, newest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse> listAgentVersions(
        agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListAgentVersionsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_AGENT = 0;
  private static final int METHODID_GET_AGENT = 1;
  private static final int METHODID_LIST_AGENTS = 2;
  private static final int METHODID_UPDATE_AGENT = 3;
  private static final int METHODID_DELETE_AGENT = 4;
  private static final int METHODID_LIST_AGENT_VERSIONS = 5;

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
        case METHODID_CREATE_AGENT:
          serviceImpl.createAgent((agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse>) responseObserver);
          break;
        case METHODID_GET_AGENT:
          serviceImpl.getAgent((agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse>) responseObserver);
          break;
        case METHODID_LIST_AGENTS:
          serviceImpl.listAgents((agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse>) responseObserver);
          break;
        case METHODID_UPDATE_AGENT:
          serviceImpl.updateAgent((agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse>) responseObserver);
          break;
        case METHODID_DELETE_AGENT:
          serviceImpl.deleteAgent((agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse>) responseObserver);
          break;
        case METHODID_LIST_AGENT_VERSIONS:
          serviceImpl.listAgentVersions((agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse>) responseObserver);
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
          getCreateAgentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.AgentServiceOuterClass.CreateAgentRequest,
              agentbuilder.v1.AgentServiceOuterClass.CreateAgentResponse>(
                service, METHODID_CREATE_AGENT)))
        .addMethod(
          getGetAgentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.AgentServiceOuterClass.GetAgentRequest,
              agentbuilder.v1.AgentServiceOuterClass.GetAgentResponse>(
                service, METHODID_GET_AGENT)))
        .addMethod(
          getListAgentsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.AgentServiceOuterClass.ListAgentsRequest,
              agentbuilder.v1.AgentServiceOuterClass.ListAgentsResponse>(
                service, METHODID_LIST_AGENTS)))
        .addMethod(
          getUpdateAgentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.AgentServiceOuterClass.UpdateAgentRequest,
              agentbuilder.v1.AgentServiceOuterClass.UpdateAgentResponse>(
                service, METHODID_UPDATE_AGENT)))
        .addMethod(
          getDeleteAgentMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.AgentServiceOuterClass.DeleteAgentRequest,
              agentbuilder.v1.AgentServiceOuterClass.DeleteAgentResponse>(
                service, METHODID_DELETE_AGENT)))
        .addMethod(
          getListAgentVersionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsRequest,
              agentbuilder.v1.AgentServiceOuterClass.ListAgentVersionsResponse>(
                service, METHODID_LIST_AGENT_VERSIONS)))
        .build();
  }

  private static abstract class AgentServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AgentServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return agentbuilder.v1.AgentServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AgentService");
    }
  }

  private static final class AgentServiceFileDescriptorSupplier
      extends AgentServiceBaseDescriptorSupplier {
    AgentServiceFileDescriptorSupplier() {}
  }

  private static final class AgentServiceMethodDescriptorSupplier
      extends AgentServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AgentServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (AgentServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AgentServiceFileDescriptorSupplier())
              .addMethod(getCreateAgentMethod())
              .addMethod(getGetAgentMethod())
              .addMethod(getListAgentsMethod())
              .addMethod(getUpdateAgentMethod())
              .addMethod(getDeleteAgentMethod())
              .addMethod(getListAgentVersionsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
