package agentbuilder.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
 * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
 * created them, and another principal's workflow is NOT_FOUND.
 * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
 * google.rpc.BadRequest field violations, one per problem, with paths such as
 * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
 * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
 * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
 * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
 * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
 * existing nodes; the entry node exists and every node is reachable from it; edge conditions
 * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
 * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
 * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
 * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
 * (no nodes, no edges, no entry node); it cannot be published empty.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class WorkflowServiceGrpc {

  private WorkflowServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "agentbuilder.v1.WorkflowService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse> getCreateWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateWorkflow",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse> getCreateWorkflowMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse> getCreateWorkflowMethod;
    if ((getCreateWorkflowMethod = WorkflowServiceGrpc.getCreateWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getCreateWorkflowMethod = WorkflowServiceGrpc.getCreateWorkflowMethod) == null) {
          WorkflowServiceGrpc.getCreateWorkflowMethod = getCreateWorkflowMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("CreateWorkflow"))
              .build();
        }
      }
    }
    return getCreateWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse> getGetWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetWorkflow",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse> getGetWorkflowMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse> getGetWorkflowMethod;
    if ((getGetWorkflowMethod = WorkflowServiceGrpc.getGetWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getGetWorkflowMethod = WorkflowServiceGrpc.getGetWorkflowMethod) == null) {
          WorkflowServiceGrpc.getGetWorkflowMethod = getGetWorkflowMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetWorkflow"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("GetWorkflow"))
              .build();
        }
      }
    }
    return getGetWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse> getListWorkflowsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListWorkflows",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse> getListWorkflowsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest, agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse> getListWorkflowsMethod;
    if ((getListWorkflowsMethod = WorkflowServiceGrpc.getListWorkflowsMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getListWorkflowsMethod = WorkflowServiceGrpc.getListWorkflowsMethod) == null) {
          WorkflowServiceGrpc.getListWorkflowsMethod = getListWorkflowsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest, agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListWorkflows"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("ListWorkflows"))
              .build();
        }
      }
    }
    return getListWorkflowsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse> getUpdateWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateWorkflow",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse> getUpdateWorkflowMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse> getUpdateWorkflowMethod;
    if ((getUpdateWorkflowMethod = WorkflowServiceGrpc.getUpdateWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getUpdateWorkflowMethod = WorkflowServiceGrpc.getUpdateWorkflowMethod) == null) {
          WorkflowServiceGrpc.getUpdateWorkflowMethod = getUpdateWorkflowMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("UpdateWorkflow"))
              .build();
        }
      }
    }
    return getUpdateWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse> getDeleteWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteWorkflow",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse> getDeleteWorkflowMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse> getDeleteWorkflowMethod;
    if ((getDeleteWorkflowMethod = WorkflowServiceGrpc.getDeleteWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getDeleteWorkflowMethod = WorkflowServiceGrpc.getDeleteWorkflowMethod) == null) {
          WorkflowServiceGrpc.getDeleteWorkflowMethod = getDeleteWorkflowMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("DeleteWorkflow"))
              .build();
        }
      }
    }
    return getDeleteWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse> getValidateWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ValidateWorkflow",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse> getValidateWorkflowMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse> getValidateWorkflowMethod;
    if ((getValidateWorkflowMethod = WorkflowServiceGrpc.getValidateWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getValidateWorkflowMethod = WorkflowServiceGrpc.getValidateWorkflowMethod) == null) {
          WorkflowServiceGrpc.getValidateWorkflowMethod = getValidateWorkflowMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ValidateWorkflow"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("ValidateWorkflow"))
              .build();
        }
      }
    }
    return getValidateWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse> getPublishWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PublishWorkflow",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse> getPublishWorkflowMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse> getPublishWorkflowMethod;
    if ((getPublishWorkflowMethod = WorkflowServiceGrpc.getPublishWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getPublishWorkflowMethod = WorkflowServiceGrpc.getPublishWorkflowMethod) == null) {
          WorkflowServiceGrpc.getPublishWorkflowMethod = getPublishWorkflowMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest, agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PublishWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("PublishWorkflow"))
              .build();
        }
      }
    }
    return getPublishWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse> getListWorkflowVersionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListWorkflowVersions",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse> getListWorkflowVersionsMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest, agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse> getListWorkflowVersionsMethod;
    if ((getListWorkflowVersionsMethod = WorkflowServiceGrpc.getListWorkflowVersionsMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getListWorkflowVersionsMethod = WorkflowServiceGrpc.getListWorkflowVersionsMethod) == null) {
          WorkflowServiceGrpc.getListWorkflowVersionsMethod = getListWorkflowVersionsMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest, agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListWorkflowVersions"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("ListWorkflowVersions"))
              .build();
        }
      }
    }
    return getListWorkflowVersionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse> getGetWorkflowVersionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetWorkflowVersion",
      requestType = agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest.class,
      responseType = agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest,
      agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse> getGetWorkflowVersionMethod() {
    io.grpc.MethodDescriptor<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest, agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse> getGetWorkflowVersionMethod;
    if ((getGetWorkflowVersionMethod = WorkflowServiceGrpc.getGetWorkflowVersionMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getGetWorkflowVersionMethod = WorkflowServiceGrpc.getGetWorkflowVersionMethod) == null) {
          WorkflowServiceGrpc.getGetWorkflowVersionMethod = getGetWorkflowVersionMethod =
              io.grpc.MethodDescriptor.<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest, agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetWorkflowVersion"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("GetWorkflowVersion"))
              .build();
        }
      }
    }
    return getGetWorkflowVersionMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static WorkflowServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceStub>() {
        @java.lang.Override
        public WorkflowServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceStub(channel, callOptions);
        }
      };
    return WorkflowServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static WorkflowServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingV2Stub>() {
        @java.lang.Override
        public WorkflowServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return WorkflowServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static WorkflowServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingStub>() {
        @java.lang.Override
        public WorkflowServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceBlockingStub(channel, callOptions);
        }
      };
    return WorkflowServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static WorkflowServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceFutureStub>() {
        @java.lang.Override
        public WorkflowServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceFutureStub(channel, callOptions);
        }
      };
    return WorkflowServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
   * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
   * created them, and another principal's workflow is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations, one per problem, with paths such as
   * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
   * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
   * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
   * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
   * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
   * existing nodes; the entry node exists and every node is reachable from it; edge conditions
   * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
   * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
   * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
   * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
   * (no nodes, no edges, no entry node); it cannot be published empty.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a workflow draft at version 1, in state WORKFLOW_STATE_DRAFT.
     * INVALID_ARGUMENT, with every violation, for invalid fields or a graph that breaks the
     * rules above. A retry with the same request_id returns the workflow created the first time.
     * </pre>
     */
    default void createWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one workflow (its current draft). NOT_FOUND if it does not exist or belongs to
     * another principal.
     * </pre>
     */
    default void getWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's workflows, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    default void listWorkflows(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListWorkflowsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and increments the draft version; an update that
     * changes nothing leaves the workflow as it is. Published versions never change.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if workflow.etag is set and stale;
     * INVALID_ARGUMENT for unknown or output-only mask paths and, with every violation, when the
     * resulting workflow breaks the rules (as in CreateWorkflow).
     * </pre>
     */
    default void updateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a workflow and its published versions. NOT_FOUND for an unknown or foreign
     * workflow; ABORTED if etag is set and stale; FAILED_PRECONDITION (reason WORKFLOW_IN_USE)
     * while another of the caller's workflows, in its draft or in a published version, uses it as
     * a SUBFLOW node.
     * </pre>
     */
    default void deleteWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Checks a workflow against every rule that PublishWorkflow applies, and reports all the
     * problems found. Nothing is stored. An invalid workflow is a response with valid = false,
     * never an error; errors are for a malformed request: INVALID_ARGUMENT when neither workflow
     * nor workflow_id is set, for a malformed id or an unknown enum value; NOT_FOUND for an
     * unknown or foreign workflow_id.
     * </pre>
     */
    default void validateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getValidateWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Validates the current draft and freezes it as the next published version (1, 2, 3...);
     * the workflow becomes WORKFLOW_STATE_PUBLISHED. If the draft has not changed since the
     * latest publish, nothing is written and that version is returned, so a retry is safe.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if etag is set and stale;
     * INVALID_ARGUMENT, with every violation, when the draft breaks a rule (including an empty
     * draft, and references to blocks, tools, agents or workflows deleted since it was saved).
     * </pre>
     */
    default void publishWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPublishWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists a workflow's published versions, newest first. NOT_FOUND for an unknown or foreign
     * workflow.
     * </pre>
     */
    default void listWorkflowVersions(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListWorkflowVersionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one published version. NOT_FOUND for an unknown or foreign workflow
     * (WORKFLOW_NOT_FOUND) or a version that was never published (WORKFLOW_VERSION_NOT_FOUND);
     * INVALID_ARGUMENT for a version below 1.
     * </pre>
     */
    default void getWorkflowVersion(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetWorkflowVersionMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service WorkflowService.
   * <pre>
   * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
   * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
   * created them, and another principal's workflow is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations, one per problem, with paths such as
   * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
   * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
   * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
   * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
   * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
   * existing nodes; the entry node exists and every node is reachable from it; edge conditions
   * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
   * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
   * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
   * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
   * (no nodes, no edges, no entry node); it cannot be published empty.
   * </pre>
   */
  public static abstract class WorkflowServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return WorkflowServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service WorkflowService.
   * <pre>
   * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
   * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
   * created them, and another principal's workflow is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations, one per problem, with paths such as
   * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
   * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
   * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
   * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
   * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
   * existing nodes; the entry node exists and every node is reachable from it; edge conditions
   * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
   * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
   * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
   * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
   * (no nodes, no edges, no entry node); it cannot be published empty.
   * </pre>
   */
  public static final class WorkflowServiceStub
      extends io.grpc.stub.AbstractAsyncStub<WorkflowServiceStub> {
    private WorkflowServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow draft at version 1, in state WORKFLOW_STATE_DRAFT.
     * INVALID_ARGUMENT, with every violation, for invalid fields or a graph that breaks the
     * rules above. A retry with the same request_id returns the workflow created the first time.
     * </pre>
     */
    public void createWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one workflow (its current draft). NOT_FOUND if it does not exist or belongs to
     * another principal.
     * </pre>
     */
    public void getWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's workflows, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public void listWorkflows(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListWorkflowsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and increments the draft version; an update that
     * changes nothing leaves the workflow as it is. Published versions never change.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if workflow.etag is set and stale;
     * INVALID_ARGUMENT for unknown or output-only mask paths and, with every violation, when the
     * resulting workflow breaks the rules (as in CreateWorkflow).
     * </pre>
     */
    public void updateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a workflow and its published versions. NOT_FOUND for an unknown or foreign
     * workflow; ABORTED if etag is set and stale; FAILED_PRECONDITION (reason WORKFLOW_IN_USE)
     * while another of the caller's workflows, in its draft or in a published version, uses it as
     * a SUBFLOW node.
     * </pre>
     */
    public void deleteWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Checks a workflow against every rule that PublishWorkflow applies, and reports all the
     * problems found. Nothing is stored. An invalid workflow is a response with valid = false,
     * never an error; errors are for a malformed request: INVALID_ARGUMENT when neither workflow
     * nor workflow_id is set, for a malformed id or an unknown enum value; NOT_FOUND for an
     * unknown or foreign workflow_id.
     * </pre>
     */
    public void validateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getValidateWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Validates the current draft and freezes it as the next published version (1, 2, 3...);
     * the workflow becomes WORKFLOW_STATE_PUBLISHED. If the draft has not changed since the
     * latest publish, nothing is written and that version is returned, so a retry is safe.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if etag is set and stale;
     * INVALID_ARGUMENT, with every violation, when the draft breaks a rule (including an empty
     * draft, and references to blocks, tools, agents or workflows deleted since it was saved).
     * </pre>
     */
    public void publishWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPublishWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists a workflow's published versions, newest first. NOT_FOUND for an unknown or foreign
     * workflow.
     * </pre>
     */
    public void listWorkflowVersions(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListWorkflowVersionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one published version. NOT_FOUND for an unknown or foreign workflow
     * (WORKFLOW_NOT_FOUND) or a version that was never published (WORKFLOW_VERSION_NOT_FOUND);
     * INVALID_ARGUMENT for a version below 1.
     * </pre>
     */
    public void getWorkflowVersion(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetWorkflowVersionMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service WorkflowService.
   * <pre>
   * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
   * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
   * created them, and another principal's workflow is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations, one per problem, with paths such as
   * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
   * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
   * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
   * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
   * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
   * existing nodes; the entry node exists and every node is reachable from it; edge conditions
   * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
   * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
   * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
   * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
   * (no nodes, no edges, no entry node); it cannot be published empty.
   * </pre>
   */
  public static final class WorkflowServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<WorkflowServiceBlockingV2Stub> {
    private WorkflowServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow draft at version 1, in state WORKFLOW_STATE_DRAFT.
     * INVALID_ARGUMENT, with every violation, for invalid fields or a graph that breaks the
     * rules above. A retry with the same request_id returns the workflow created the first time.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse createWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one workflow (its current draft). NOT_FOUND if it does not exist or belongs to
     * another principal.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse getWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's workflows, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse listWorkflows(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListWorkflowsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and increments the draft version; an update that
     * changes nothing leaves the workflow as it is. Published versions never change.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if workflow.etag is set and stale;
     * INVALID_ARGUMENT for unknown or output-only mask paths and, with every violation, when the
     * resulting workflow breaks the rules (as in CreateWorkflow).
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse updateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a workflow and its published versions. NOT_FOUND for an unknown or foreign
     * workflow; ABORTED if etag is set and stale; FAILED_PRECONDITION (reason WORKFLOW_IN_USE)
     * while another of the caller's workflows, in its draft or in a published version, uses it as
     * a SUBFLOW node.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse deleteWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks a workflow against every rule that PublishWorkflow applies, and reports all the
     * problems found. Nothing is stored. An invalid workflow is a response with valid = false,
     * never an error; errors are for a malformed request: INVALID_ARGUMENT when neither workflow
     * nor workflow_id is set, for a malformed id or an unknown enum value; NOT_FOUND for an
     * unknown or foreign workflow_id.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse validateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getValidateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Validates the current draft and freezes it as the next published version (1, 2, 3...);
     * the workflow becomes WORKFLOW_STATE_PUBLISHED. If the draft has not changed since the
     * latest publish, nothing is written and that version is returned, so a retry is safe.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if etag is set and stale;
     * INVALID_ARGUMENT, with every violation, when the draft breaks a rule (including an empty
     * draft, and references to blocks, tools, agents or workflows deleted since it was saved).
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse publishWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPublishWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists a workflow's published versions, newest first. NOT_FOUND for an unknown or foreign
     * workflow.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse listWorkflowVersions(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListWorkflowVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one published version. NOT_FOUND for an unknown or foreign workflow
     * (WORKFLOW_NOT_FOUND) or a version that was never published (WORKFLOW_VERSION_NOT_FOUND);
     * INVALID_ARGUMENT for a version below 1.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse getWorkflowVersion(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetWorkflowVersionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service WorkflowService.
   * <pre>
   * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
   * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
   * created them, and another principal's workflow is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations, one per problem, with paths such as
   * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
   * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
   * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
   * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
   * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
   * existing nodes; the entry node exists and every node is reachable from it; edge conditions
   * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
   * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
   * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
   * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
   * (no nodes, no edges, no entry node); it cannot be published empty.
   * </pre>
   */
  public static final class WorkflowServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<WorkflowServiceBlockingStub> {
    private WorkflowServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow draft at version 1, in state WORKFLOW_STATE_DRAFT.
     * INVALID_ARGUMENT, with every violation, for invalid fields or a graph that breaks the
     * rules above. A retry with the same request_id returns the workflow created the first time.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse createWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one workflow (its current draft). NOT_FOUND if it does not exist or belongs to
     * another principal.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse getWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's workflows, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse listWorkflows(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListWorkflowsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and increments the draft version; an update that
     * changes nothing leaves the workflow as it is. Published versions never change.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if workflow.etag is set and stale;
     * INVALID_ARGUMENT for unknown or output-only mask paths and, with every violation, when the
     * resulting workflow breaks the rules (as in CreateWorkflow).
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse updateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a workflow and its published versions. NOT_FOUND for an unknown or foreign
     * workflow; ABORTED if etag is set and stale; FAILED_PRECONDITION (reason WORKFLOW_IN_USE)
     * while another of the caller's workflows, in its draft or in a published version, uses it as
     * a SUBFLOW node.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse deleteWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks a workflow against every rule that PublishWorkflow applies, and reports all the
     * problems found. Nothing is stored. An invalid workflow is a response with valid = false,
     * never an error; errors are for a malformed request: INVALID_ARGUMENT when neither workflow
     * nor workflow_id is set, for a malformed id or an unknown enum value; NOT_FOUND for an
     * unknown or foreign workflow_id.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse validateWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getValidateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Validates the current draft and freezes it as the next published version (1, 2, 3...);
     * the workflow becomes WORKFLOW_STATE_PUBLISHED. If the draft has not changed since the
     * latest publish, nothing is written and that version is returned, so a retry is safe.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if etag is set and stale;
     * INVALID_ARGUMENT, with every violation, when the draft breaks a rule (including an empty
     * draft, and references to blocks, tools, agents or workflows deleted since it was saved).
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse publishWorkflow(agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPublishWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists a workflow's published versions, newest first. NOT_FOUND for an unknown or foreign
     * workflow.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse listWorkflowVersions(agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListWorkflowVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one published version. NOT_FOUND for an unknown or foreign workflow
     * (WORKFLOW_NOT_FOUND) or a version that was never published (WORKFLOW_VERSION_NOT_FOUND);
     * INVALID_ARGUMENT for a version below 1.
     * </pre>
     */
    public agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse getWorkflowVersion(agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetWorkflowVersionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service WorkflowService.
   * <pre>
   * Manages workflows: editable drafts, validation, and immutable published versions. Every RPC
   * needs an API key (`authorization: Bearer &lt;key&gt;`); workflows belong to the principal that
   * created them, and another principal's workflow is NOT_FOUND.
   * Errors carry google.rpc.ErrorInfo (domain "agentbuilder"); invalid input also carries
   * google.rpc.BadRequest field violations, one per problem, with paths such as
   * `workflow.nodes[2].ref_id` or `workflow.edges[0].target`.
   * The graph rules (checked on create, update, publish and by ValidateWorkflow, all reported at
   * once): node and edge ids well-formed and unique; every node has a type; ref_id set exactly
   * for BLOCK, TOOL, AGENT and SUBFLOW nodes and naming a block, tool (built-in ones included),
   * agent or workflow of the caller's (a SUBFLOW may not name its own workflow); edges join
   * existing nodes; the entry node exists and every node is reachable from it; edge conditions
   * are valid CEL, only on edges leaving a CONDITION node, and present on all of those but at most
   * one; every cycle passes through a node with config.max_iterations; a JOIN has at least 2
   * incoming edges and a PARALLEL at least 2 outgoing ones; config.timeout_ms, config.retry and
   * config.prompt are well-formed; at most 200 nodes and 400 edges. A draft may be saved empty
   * (no nodes, no edges, no entry node); it cannot be published empty.
   * </pre>
   */
  public static final class WorkflowServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<WorkflowServiceFutureStub> {
    private WorkflowServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow draft at version 1, in state WORKFLOW_STATE_DRAFT.
     * INVALID_ARGUMENT, with every violation, for invalid fields or a graph that breaks the
     * rules above. A retry with the same request_id returns the workflow created the first time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse> createWorkflow(
        agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one workflow (its current draft). NOT_FOUND if it does not exist or belongs to
     * another principal.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse> getWorkflow(
        agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the caller's workflows, oldest first. Pages are stable under concurrent inserts.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse> listWorkflows(
        agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListWorkflowsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Updates the fields named in update_mask and increments the draft version; an update that
     * changes nothing leaves the workflow as it is. Published versions never change.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if workflow.etag is set and stale;
     * INVALID_ARGUMENT for unknown or output-only mask paths and, with every violation, when the
     * resulting workflow breaks the rules (as in CreateWorkflow).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse> updateWorkflow(
        agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a workflow and its published versions. NOT_FOUND for an unknown or foreign
     * workflow; ABORTED if etag is set and stale; FAILED_PRECONDITION (reason WORKFLOW_IN_USE)
     * while another of the caller's workflows, in its draft or in a published version, uses it as
     * a SUBFLOW node.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse> deleteWorkflow(
        agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Checks a workflow against every rule that PublishWorkflow applies, and reports all the
     * problems found. Nothing is stored. An invalid workflow is a response with valid = false,
     * never an error; errors are for a malformed request: INVALID_ARGUMENT when neither workflow
     * nor workflow_id is set, for a malformed id or an unknown enum value; NOT_FOUND for an
     * unknown or foreign workflow_id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse> validateWorkflow(
        agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getValidateWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Validates the current draft and freezes it as the next published version (1, 2, 3...);
     * the workflow becomes WORKFLOW_STATE_PUBLISHED. If the draft has not changed since the
     * latest publish, nothing is written and that version is returned, so a retry is safe.
     * NOT_FOUND for an unknown or foreign workflow; ABORTED if etag is set and stale;
     * INVALID_ARGUMENT, with every violation, when the draft breaks a rule (including an empty
     * draft, and references to blocks, tools, agents or workflows deleted since it was saved).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse> publishWorkflow(
        agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPublishWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists a workflow's published versions, newest first. NOT_FOUND for an unknown or foreign
     * workflow.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse> listWorkflowVersions(
        agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListWorkflowVersionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one published version. NOT_FOUND for an unknown or foreign workflow
     * (WORKFLOW_NOT_FOUND) or a version that was never published (WORKFLOW_VERSION_NOT_FOUND);
     * INVALID_ARGUMENT for a version below 1.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse> getWorkflowVersion(
        agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetWorkflowVersionMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_WORKFLOW = 0;
  private static final int METHODID_GET_WORKFLOW = 1;
  private static final int METHODID_LIST_WORKFLOWS = 2;
  private static final int METHODID_UPDATE_WORKFLOW = 3;
  private static final int METHODID_DELETE_WORKFLOW = 4;
  private static final int METHODID_VALIDATE_WORKFLOW = 5;
  private static final int METHODID_PUBLISH_WORKFLOW = 6;
  private static final int METHODID_LIST_WORKFLOW_VERSIONS = 7;
  private static final int METHODID_GET_WORKFLOW_VERSION = 8;

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
        case METHODID_CREATE_WORKFLOW:
          serviceImpl.createWorkflow((agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse>) responseObserver);
          break;
        case METHODID_GET_WORKFLOW:
          serviceImpl.getWorkflow((agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse>) responseObserver);
          break;
        case METHODID_LIST_WORKFLOWS:
          serviceImpl.listWorkflows((agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse>) responseObserver);
          break;
        case METHODID_UPDATE_WORKFLOW:
          serviceImpl.updateWorkflow((agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse>) responseObserver);
          break;
        case METHODID_DELETE_WORKFLOW:
          serviceImpl.deleteWorkflow((agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse>) responseObserver);
          break;
        case METHODID_VALIDATE_WORKFLOW:
          serviceImpl.validateWorkflow((agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse>) responseObserver);
          break;
        case METHODID_PUBLISH_WORKFLOW:
          serviceImpl.publishWorkflow((agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse>) responseObserver);
          break;
        case METHODID_LIST_WORKFLOW_VERSIONS:
          serviceImpl.listWorkflowVersions((agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse>) responseObserver);
          break;
        case METHODID_GET_WORKFLOW_VERSION:
          serviceImpl.getWorkflowVersion((agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest) request,
              (io.grpc.stub.StreamObserver<agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse>) responseObserver);
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
          getCreateWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.CreateWorkflowResponse>(
                service, METHODID_CREATE_WORKFLOW)))
        .addMethod(
          getGetWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowResponse>(
                service, METHODID_GET_WORKFLOW)))
        .addMethod(
          getListWorkflowsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowsResponse>(
                service, METHODID_LIST_WORKFLOWS)))
        .addMethod(
          getUpdateWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.UpdateWorkflowResponse>(
                service, METHODID_UPDATE_WORKFLOW)))
        .addMethod(
          getDeleteWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.DeleteWorkflowResponse>(
                service, METHODID_DELETE_WORKFLOW)))
        .addMethod(
          getValidateWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.ValidateWorkflowResponse>(
                service, METHODID_VALIDATE_WORKFLOW)))
        .addMethod(
          getPublishWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.PublishWorkflowResponse>(
                service, METHODID_PUBLISH_WORKFLOW)))
        .addMethod(
          getListWorkflowVersionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.ListWorkflowVersionsResponse>(
                service, METHODID_LIST_WORKFLOW_VERSIONS)))
        .addMethod(
          getGetWorkflowVersionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionRequest,
              agentbuilder.v1.WorkflowServiceOuterClass.GetWorkflowVersionResponse>(
                service, METHODID_GET_WORKFLOW_VERSION)))
        .build();
  }

  private static abstract class WorkflowServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    WorkflowServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return agentbuilder.v1.WorkflowServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("WorkflowService");
    }
  }

  private static final class WorkflowServiceFileDescriptorSupplier
      extends WorkflowServiceBaseDescriptorSupplier {
    WorkflowServiceFileDescriptorSupplier() {}
  }

  private static final class WorkflowServiceMethodDescriptorSupplier
      extends WorkflowServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    WorkflowServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (WorkflowServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new WorkflowServiceFileDescriptorSupplier())
              .addMethod(getCreateWorkflowMethod())
              .addMethod(getGetWorkflowMethod())
              .addMethod(getListWorkflowsMethod())
              .addMethod(getUpdateWorkflowMethod())
              .addMethod(getDeleteWorkflowMethod())
              .addMethod(getValidateWorkflowMethod())
              .addMethod(getPublishWorkflowMethod())
              .addMethod(getListWorkflowVersionsMethod())
              .addMethod(getGetWorkflowVersionMethod())
              .build();
        }
      }
    }
    return result;
  }
}
