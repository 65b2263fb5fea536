// Package agentbuilder calls an agentbuilder server with an API key. It is hand-written; the
// messages and service clients it wraps are generated into package agentbuilderv1.
//
//	client, err := agentbuilder.Dial("localhost:50051", apiKey)
//	if err != nil { ... }
//	defer client.Close()
//	reply, err := client.Agents.ListAgents(ctx, &agentbuilderv1.ListAgentsRequest{})
//
// Every call carries "authorization: Bearer <key>". Unary calls without a deadline get
// DefaultTimeout; streams get none (an execution may run for hours). gRPC retries UNAVAILABLE
// only for RetriedMethods, the calls safe to repeat; creates are among them because Dial fills an
// empty request_id, which makes the server return what a lost attempt already made.
package agentbuilder

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/agentbuilder/agentbuilder/clients/go/agentbuilderv1"
)

// DefaultTimeout is the deadline Dial gives unary calls whose context has none.
const DefaultTimeout = 10 * time.Second

// RetriedMethods are the only calls gRPC retries, as "service/method": the reads, which are
// safe to repeat, and the creates plus StartExecution, which are made safe by their request_id
// (Dial fills an empty one, so every attempt carries the same id). CancelExecution ends in the
// same state however often it runs. Updates, deletes, PublishWorkflow, TestBlock,
// ResumeExecution and RetryExecution are not retried: the server may answer UNAVAILABLE after
// the write committed (a connection lost during COMMIT, a replica dying behind the gateway), and
// repeating them could apply them twice.
var RetriedMethods = []string{
	"agentbuilder.v1.AgentService/GetAgent",
	"agentbuilder.v1.AgentService/ListAgents",
	"agentbuilder.v1.AgentService/ListAgentVersions",
	"agentbuilder.v1.AgentService/CreateAgent",
	"agentbuilder.v1.ToolService/GetTool",
	"agentbuilder.v1.ToolService/ListTools",
	"agentbuilder.v1.ToolService/CreateTool",
	"agentbuilder.v1.BlockService/GetBlock",
	"agentbuilder.v1.BlockService/ListBlocks",
	"agentbuilder.v1.BlockService/ListBlockVersions",
	"agentbuilder.v1.BlockService/CreateBlock",
	"agentbuilder.v1.WorkflowService/GetWorkflow",
	"agentbuilder.v1.WorkflowService/ListWorkflows",
	"agentbuilder.v1.WorkflowService/ValidateWorkflow",
	"agentbuilder.v1.WorkflowService/ListWorkflowVersions",
	"agentbuilder.v1.WorkflowService/GetWorkflowVersion",
	"agentbuilder.v1.WorkflowService/CreateWorkflow",
	"agentbuilder.v1.ExecutionService/GetExecution",
	"agentbuilder.v1.ExecutionService/ListExecutions",
	"agentbuilder.v1.ExecutionService/StreamExecution",
	"agentbuilder.v1.ExecutionService/StartExecution",
	"agentbuilder.v1.ExecutionService/CancelExecution",
	"agentbuilder.v1.MetricsService/GetExecutionStats",
	"agentbuilder.v1.MetricsService/GetUsage",
	"agentbuilder.v1.MetricsService/GetSystemStatus",
}

// RetryServiceConfig is the default service config Dial passes: RetriedMethods retry
// UNAVAILABLE, four attempts in all, with exponential backoff (0.1 s, doubling, at most 2 s,
// jittered by gRPC). No other code and no other method is retried. gRPC retries a stream only
// until its first message arrives: resume a broken StreamExecution by calling it again with
// after_sequence set to the last sequence seen.
var RetryServiceConfig = retryServiceConfig(RetriedMethods)

func retryServiceConfig(methods []string) string {
	type name struct {
		Service string `json:"service"`
		Method  string `json:"method"`
	}
	names := make([]name, 0, len(methods))
	for _, full := range methods {
		service, method, _ := strings.Cut(full, "/")
		names = append(names, name{Service: service, Method: method})
	}
	config := map[string]any{"methodConfig": []any{map[string]any{
		"name": names,
		"retryPolicy": map[string]any{
			"maxAttempts":          4,
			"initialBackoff":       "0.1s",
			"maxBackoff":           "2s",
			"backoffMultiplier":    2,
			"retryableStatusCodes": []string{"UNAVAILABLE"},
		},
	}}}
	data, err := json.Marshal(config)
	if err != nil {
		panic(err) // plain strings and numbers always marshal
	}
	return string(data)
}

// Client holds one connection and a client for each public service.
type Client struct {
	Conn       *grpc.ClientConn
	Agents     agentbuilderv1.AgentServiceClient
	Tools      agentbuilderv1.ToolServiceClient
	Blocks     agentbuilderv1.BlockServiceClient
	Workflows  agentbuilderv1.WorkflowServiceClient
	Executions agentbuilderv1.ExecutionServiceClient
	Metrics    agentbuilderv1.MetricsServiceClient
}

// Dial connects to target (host:port) lazily, as grpc.NewClient does: errors of the connection
// itself show up on the first call. The transport is plaintext unless opts hold
// grpc.WithTransportCredentials (later options win), so pass TLS credentials for any server
// beyond localhost: over plaintext the key travels in the clear.
func Dial(target, apiKey string, opts ...grpc.DialOption) (*Client, error) {
	if apiKey == "" {
		return nil, errors.New("agentbuilder: empty API key")
	}
	defaults := []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithPerRPCCredentials(bearer{header: "Bearer " + apiKey}),
		grpc.WithDefaultServiceConfig(RetryServiceConfig),
		grpc.WithChainUnaryInterceptor(defaultDeadline(DefaultTimeout), fillRequestID),
	}
	conn, err := grpc.NewClient(target, append(defaults, opts...)...)
	if err != nil {
		return nil, err
	}
	return &Client{
		Conn:       conn,
		Agents:     agentbuilderv1.NewAgentServiceClient(conn),
		Tools:      agentbuilderv1.NewToolServiceClient(conn),
		Blocks:     agentbuilderv1.NewBlockServiceClient(conn),
		Workflows:  agentbuilderv1.NewWorkflowServiceClient(conn),
		Executions: agentbuilderv1.NewExecutionServiceClient(conn),
		Metrics:    agentbuilderv1.NewMetricsServiceClient(conn),
	}, nil
}

// Close closes the connection; calls in flight fail with CANCELED.
func (c *Client) Close() error {
	return c.Conn.Close()
}

// bearer sends the API key on every call. It does not demand TLS: the caller picks the
// transport, and the local dev stack is plaintext.
type bearer struct {
	header string
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": b.header}, nil
}

func (bearer) RequireTransportSecurity() bool {
	return false
}

func defaultDeadline(timeout time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn,
		invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}

// fillRequestID gives a request with an empty request_id field (CreateAgent, CreateTool,
// CreateBlock, CreateWorkflow, StartExecution: found by the field's name, not by a list) a random
// UUID. It sends a copy, leaving the caller's message as it was; gRPC retries resend that copy,
// so every attempt carries the same id and the server makes the thing once.
func fillRequestID(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn,
	invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	if message, ok := req.(proto.Message); ok {
		reflected := message.ProtoReflect()
		field := reflected.Descriptor().Fields().ByName("request_id")
		if field != nil && field.Kind() == protoreflect.StringKind && !field.IsList() &&
			reflected.Get(field).String() == "" {
			clone := proto.Clone(message)
			clone.ProtoReflect().Set(field, protoreflect.ValueOfString(NewRequestID()))
			req = clone
		}
	}
	return invoker(ctx, method, req, reply, cc, opts...)
}

// NewRequestID is a random (version 4) UUID, for a request_id.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Details returns the google.rpc.ErrorInfo and google.rpc.BadRequest that the server put into
// err's status (the grpc-status-details-bin trailer); either is nil when absent, both are when
// err carries no gRPC status. Every agentbuilder error has an ErrorInfo with domain
// "agentbuilder"; INVALID_ARGUMENT also lists its field violations in BadRequest.
func Details(err error) (info *errdetails.ErrorInfo, badRequest *errdetails.BadRequest) {
	st, ok := status.FromError(err)
	if !ok {
		return nil, nil
	}
	for _, detail := range st.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			info = d
		case *errdetails.BadRequest:
			badRequest = d
		}
	}
	return info, badRequest
}
