package agentbuilder.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
 * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
 * principal's block is NOT_FOUND.
 * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
 * google.rpc.BadRequest field violations.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class BlockServiceGrpc {

  private BlockServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "agentbuilder.v1.BlockService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse> getCreateBlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateBlock",
      requestType = agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse> getCreateBlockMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest, agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse> getCreateBlockMethod;
    if ((getCreateBlockMethod = BlockServiceGrpc.getCreateBlockMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getCreateBlockMethod = BlockServiceGrpc.getCreateBlockMethod) == null) {
          BlockServiceGrpc.getCreateBlockMethod = getCreateBlockMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest, agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateBlock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("CreateBlock"))
              .build();
        }
      }
    }
    return getCreateBlockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse> getGetBlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBlock",
      requestType = agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse> getGetBlockMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest, agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse> getGetBlockMethod;
    if ((getGetBlockMethod = BlockServiceGrpc.getGetBlockMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getGetBlockMethod = BlockServiceGrpc.getGetBlockMethod) == null) {
          BlockServiceGrpc.getGetBlockMethod = getGetBlockMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest, agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBlock"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("GetBlock"))
              .build();
        }
      }
    }
    return getGetBlockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest,
      agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse> getListBlocksMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListBlocks",
      requestType = agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest,
      agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse> getListBlocksMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest, agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse> getListBlocksMethod;
    if ((getListBlocksMethod = BlockServiceGrpc.getListBlocksMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getListBlocksMethod = BlockServiceGrpc.getListBlocksMethod) == null) {
          BlockServiceGrpc.getListBlocksMethod = getListBlocksMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest, agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListBlocks"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("ListBlocks"))
              .build();
        }
      }
    }
    return getListBlocksMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse> getUpdateBlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateBlock",
      requestType = agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse> getUpdateBlockMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest, agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse> getUpdateBlockMethod;
    if ((getUpdateBlockMethod = BlockServiceGrpc.getUpdateBlockMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getUpdateBlockMethod = BlockServiceGrpc.getUpdateBlockMethod) == null) {
          BlockServiceGrpc.getUpdateBlockMethod = getUpdateBlockMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest, agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateBlock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("UpdateBlock"))
              .build();
        }
      }
    }
    return getUpdateBlockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse> getDeleteBlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteBlock",
      requestType = agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse> getDeleteBlockMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest, agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse> getDeleteBlockMethod;
    if ((getDeleteBlockMethod = BlockServiceGrpc.getDeleteBlockMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getDeleteBlockMethod = BlockServiceGrpc.getDeleteBlockMethod) == null) {
          BlockServiceGrpc.getDeleteBlockMethod = getDeleteBlockMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest, agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteBlock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("DeleteBlock"))
              .build();
        }
      }
    }
    return getDeleteBlockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest,
      agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse> getListBlockVersionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListBlockVersions",
      requestType = agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest,
      agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse> getListBlockVersionsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest, agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse> getListBlockVersionsMethod;
    if ((getListBlockVersionsMethod = BlockServiceGrpc.getListBlockVersionsMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getListBlockVersionsMethod = BlockServiceGrpc.getListBlockVersionsMethod) == null) {
          BlockServiceGrpc.getListBlockVersionsMethod = getListBlockVersionsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest, agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListBlockVersions"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("ListBlockVersions"))
              .build();
        }
      }
    }
    return getListBlockVersionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse> getTestBlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "TestBlock",
      requestType = agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest.class,
      responseType = agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest,
      agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse> getTestBlockMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest, agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse> getTestBlockMethod;
    if ((getTestBlockMethod = BlockServiceGrpc.getTestBlockMethod) == null) {
      synchronized (BlockServiceGrpc.class) {
        if ((getTestBlockMethod = BlockServiceGrpc.getTestBlockMethod) == null) {
          BlockServiceGrpc.getTestBlockMethod = getTestBlockMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest, agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "TestBlock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlockServiceMethodDescriptorSupplier("TestBlock"))
              .build();
        }
      }
    }
    return getTestBlockMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static BlockServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlockServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlockServiceStub>() {
        @java.lang.Override
        public BlockServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlockServiceStub(channel, callOptions);
        }
      };
    return BlockServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static BlockServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlockServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlockServiceBlockingV2Stub>() {
        @java.lang.Override
        public BlockServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlockServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return BlockServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static BlockServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlockServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlockServiceBlockingStub>() {
        @java.lang.Override
        public BlockServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlockServiceBlockingStub(channel, callOptions);
        }
      };
    return BlockServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static BlockServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlockServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlockServiceFutureStub>() {
        @java.lang.Override
        public BlockServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlockServiceFutureStub(channel, callOptions);
        }
      };
    return BlockServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
   * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
   * principal's block is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a block at version 1.
     * INVALID_ARGUMENT for invalid fields: code that does not compile under the sandbox policy
     * (the violation on block.code names the line), schemas that are not JSON Schemas, test cases
     * that do not match the schemas. A retry with the same request_id returns the block created
     * the first time.
     * </pre>
     */
    default void createBlock(agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateBlockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one block. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    default void getBlock(agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBlockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's blocks, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    default void listBlocks(agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListBlocksMethod(), responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version; an update that changes
     * nothing writes no version. ABORTED if block.etag is set and stale; INVALID_ARGUMENT for
     * unknown mask paths and for fields that are invalid after the update (as in CreateBlock).
     * </pre>
     */
    default void updateBlock(agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateBlockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a block and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    default void deleteBlock(agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteBlockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists a block's versions, newest first.
     * </pre>
     */
    default void listBlockVersions(agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListBlockVersionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs the block's current code in the sandbox, on each of its test cases or on one ad-hoc
     * input, and reports each run. Code that fails, times out or returns the wrong output is a
     * result that did not pass, never an RPC error. Nothing is stored.
     * NOT_FOUND for an unknown or foreign block; INVALID_ARGUMENT when input does not match the
     * input_schema, limits exceed their maximums, or the block has no test cases and no input is
     * given; UNAVAILABLE when the server has no sandbox workers configured.
     * </pre>
     */
    default void testBlock(agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTestBlockMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service BlockService.
   * <pre>
   * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
   * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
   * principal's block is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static abstract class BlockServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return BlockServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service BlockService.
   * <pre>
   * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
   * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
   * principal's block is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class BlockServiceStub
      extends io.grpc.stub.AbstractAsyncStub<BlockServiceStub> {
    private BlockServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlockServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlockServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a block at version 1.
     * INVALID_ARGUMENT for invalid fields: code that does not compile under the sandbox policy
     * (the violation on block.code names the line), schemas that are not JSON Schemas, test cases
     * that do not match the schemas. A retry with the same request_id returns the block created
     * the first time.
     * </pre>
     */
    public void createBlock(agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateBlockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one block. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public void getBlock(agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetBlockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's blocks, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public void listBlocks(agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListBlocksMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version; an update that changes
     * nothing writes no version. ABORTED if block.etag is set and stale; INVALID_ARGUMENT for
     * unknown mask paths and for fields that are invalid after the update (as in CreateBlock).
     * </pre>
     */
    public void updateBlock(agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateBlockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a block and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public void deleteBlock(agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteBlockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists a block's versions, newest first.
     * </pre>
     */
    public void listBlockVersions(agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListBlockVersionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs the block's current code in the sandbox, on each of its test cases or on one ad-hoc
     * input, and reports each run. Code that fails, times out or returns the wrong output is a
     * result that did not pass, never an RPC error. Nothing is stored.
     * NOT_FOUND for an unknown or foreign block; INVALID_ARGUMENT when input does not match the
     * input_schema, limits exceed their maximums, or the block has no test cases and no input is
     * given; UNAVAILABLE when the server has no sandbox workers configured.
     * </pre>
     */
    public void testBlock(agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTestBlockMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service BlockService.
   * <pre>
   * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
   * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
   * principal's block is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class BlockServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<BlockServiceBlockingV2Stub> {
    private BlockServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlockServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlockServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a block at version 1.
     * INVALID_ARGUMENT for invalid fields: code that does not compile under the sandbox policy
     * (the violation on block.code names the line), schemas that are not JSON Schemas, test cases
     * that do not match the schemas. A retry with the same request_id returns the block created
     * the first time.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse createBlock(agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one block. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse getBlock(agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's blocks, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse listBlocks(agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListBlocksMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version; an update that changes
     * nothing writes no version. ABORTED if block.etag is set and stale; INVALID_ARGUMENT for
     * unknown mask paths and for fields that are invalid after the update (as in CreateBlock).
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse updateBlock(agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a block and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse deleteBlock(agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists a block's versions, newest first.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse listBlockVersions(agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListBlockVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs the block's current code in the sandbox, on each of its test cases or on one ad-hoc
     * input, and reports each run. Code that fails, times out or returns the wrong output is a
     * result that did not pass, never an RPC error. Nothing is stored.
     * NOT_FOUND for an unknown or foreign block; INVALID_ARGUMENT when input does not match the
     * input_schema, limits exceed their maximums, or the block has no test cases and no input is
     * given; UNAVAILABLE when the server has no sandbox workers configured.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse testBlock(agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTestBlockMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service BlockService.
   * <pre>
   * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
   * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
   * principal's block is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class BlockServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<BlockServiceBlockingStub> {
    private BlockServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlockServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlockServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a block at version 1.
     * INVALID_ARGUMENT for invalid fields: code that does not compile under the sandbox policy
     * (the violation on block.code names the line), schemas that are not JSON Schemas, test cases
     * that do not match the schemas. A retry with the same request_id returns the block created
     * the first time.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse createBlock(agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one block. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse getBlock(agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's blocks, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse listBlocks(agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListBlocksMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version; an update that changes
     * nothing writes no version. ABORTED if block.etag is set and stale; INVALID_ARGUMENT for
     * unknown mask paths and for fields that are invalid after the update (as in CreateBlock).
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse updateBlock(agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a block and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse deleteBlock(agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteBlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists a block's versions, newest first.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse listBlockVersions(agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListBlockVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs the block's current code in the sandbox, on each of its test cases or on one ad-hoc
     * input, and reports each run. Code that fails, times out or returns the wrong output is a
     * result that did not pass, never an RPC error. Nothing is stored.
     * NOT_FOUND for an unknown or foreign block; INVALID_ARGUMENT when input does not match the
     * input_schema, limits exceed their maximums, or the block has no test cases and no input is
     * given; UNAVAILABLE when the server has no sandbox workers configured.
     * </pre>
     */
    public agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse testBlock(agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTestBlockMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service BlockService.
   * <pre>
   * Manages logic blocks and runs them against their test cases. Every RPC needs an API key
   * (`authorization: Bearer &lt;key&gt;`); blocks belong to the principal that created them, and another
   * principal's block is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations.
   * </pre>
   */
  public static final class BlockServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<BlockServiceFutureStub> {
    private BlockServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlockServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlockServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a block at version 1.
     * INVALID_ARGUMENT for invalid fields: code that does not compile under the sandbox policy
     * (the violation on block.code names the line), schemas that are not JSON Schemas, test cases
     * that do not match the schemas. A retry with the same request_id returns the block created
     * the first time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse> createBlock(
        agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateBlockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one block. NOT_FOUND if it does not exist or belongs to another principal.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse> getBlock(
        agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetBlockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the caller's blocks, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse> listBlocks(
        agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListBlocksMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and writes a new version; an update that changes
     * nothing writes no version. ABORTED if block.etag is set and stale; INVALID_ARGUMENT for
     * unknown mask paths and for fields that are invalid after the update (as in CreateBlock).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse> updateBlock(
        agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateBlockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a block and its versions. ABORTED if etag is set and stale.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse> deleteBlock(
        agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteBlockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists a block's versions, newest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse> listBlockVersions(
        agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListBlockVersionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Runs the block's current code in the sandbox, on each of its test cases or on one ad-hoc
     * input, and reports each run. Code that fails, times out or returns the wrong output is a
     * result that did not pass, never an RPC error. Nothing is stored.
     * NOT_FOUND for an unknown or foreign block; INVALID_ARGUMENT when input does not match the
     * input_schema, limits exceed their maximums, or the block has no test cases and no input is
     * given; UNAVAILABLE when the server has no sandbox workers configured.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse> testBlock(
        agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTestBlockMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_BLOCK = 0;
  private static final int METHODID_GET_BLOCK = 1;
  private static final int METHODID_LIST_BLOCKS = 2;
  private static final int METHODID_UPDATE_BLOCK = 3;
  private static final int METHODID_DELETE_BLOCK = 4;
  private static final int METHODID_LIST_BLOCK_VERSIONS = 5;
  private static final int METHODID_TEST_BLOCK = 6;

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
        case METHODID_CREATE_BLOCK:
          serviceImpl.createBlock((agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse>) responseObserver);
          break;
        case METHODID_GET_BLOCK:
          serviceImpl.getBlock((agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse>) responseObserver);
          break;
        case METHODID_LIST_BLOCKS:
          serviceImpl.listBlocks((agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse>) responseObserver);
          break;
        case METHODID_UPDATE_BLOCK:
          serviceImpl.updateBlock((agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse>) responseObserver);
          break;
        case METHODID_DELETE_BLOCK:
          serviceImpl.deleteBlock((agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse>) responseObserver);
          break;
        case METHODID_LIST_BLOCK_VERSIONS:
          serviceImpl.listBlockVersions((agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse>) responseObserver);
          break;
        case METHODID_TEST_BLOCK:
          serviceImpl.testBlock((agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse>) responseObserver);
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
          getCreateBlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.CreateBlockRequest,
              agentbuilder.v1.BlockServiceOuterClass.CreateBlockResponse>(
                service, METHODID_CREATE_BLOCK)))
        .addMethod(
          getGetBlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.GetBlockRequest,
              agentbuilder.v1.BlockServiceOuterClass.GetBlockResponse>(
                service, METHODID_GET_BLOCK)))
        .addMethod(
          getListBlocksMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.ListBlocksRequest,
              agentbuilder.v1.BlockServiceOuterClass.ListBlocksResponse>(
                service, METHODID_LIST_BLOCKS)))
        .addMethod(
          getUpdateBlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.UpdateBlockRequest,
              agentbuilder.v1.BlockServiceOuterClass.UpdateBlockResponse>(
                service, METHODID_UPDATE_BLOCK)))
        .addMethod(
          getDeleteBlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.DeleteBlockRequest,
              agentbuilder.v1.BlockServiceOuterClass.DeleteBlockResponse>(
                service, METHODID_DELETE_BLOCK)))
        .addMethod(
          getListBlockVersionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsRequest,
              agentbuilder.v1.BlockServiceOuterClass.ListBlockVersionsResponse>(
                service, METHODID_LIST_BLOCK_VERSIONS)))
        .addMethod(
          getTestBlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.BlockServiceOuterClass.TestBlockRequest,
              agentbuilder.v1.BlockServiceOuterClass.TestBlockResponse>(
                service, METHODID_TEST_BLOCK)))
        .build();
  }

  private static abstract class BlockServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    BlockServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return agentbuilder.v1.BlockServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("BlockService");
    }
  }

  private static final class BlockServiceFileDescriptorSupplier
      extends BlockServiceBaseDescriptorSupplier {
    BlockServiceFileDescriptorSupplier() {}
  }

  private static final class BlockServiceMethodDescriptorSupplier
      extends BlockServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    BlockServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (BlockServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new BlockServiceFileDescriptorSupplier())
              .addMethod(getCreateBlockMethod())
              .addMethod(getGetBlockMethod())
              .addMethod(getListBlocksMethod())
              .addMethod(getUpdateBlockMethod())
              .addMethod(getDeleteBlockMethod())
              .addMethod(getListBlockVersionsMethod())
              .addMethod(getTestBlockMethod())
              .build();
        }
      }
    }
    return result;
  }
}
