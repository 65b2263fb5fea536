// Package agentbuilder calls an agentbuilder server with an API key. It is hand-written; the
// messages and service clients it wraps are generated into package agentbuilderv1.
//
//	client, err := agentbuilder.Dial("localhost:50051", apiKey)
//	if err != nil { ... }
//	defer client.Close()
//	reply, err := client.Agents.ListAgents(ctx, &agentbuilderv1.ListAgentsRequest{})
//
// Every call carries "authorization: Bearer <key>". Unary calls without a deadline get
// DefaultTimeout; streams get none (an execution may run for hours). gRPC retries calls that fail
// with UNAVAILABLE (a server restart, a database failover): creates are only safe to retry with a
// request_id, which makes the server return what a lost attempt already made.
package agentbuilder

import (
	"context"
	"errors"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/agentbuilder/agentbuilder/clients/go/agentbuilderv1"
)

// DefaultTimeout is the deadline Dial gives unary calls whose context has none.
const DefaultTimeout = 10 * time.Second

// RetryServiceConfig is the default service config: every public service retries UNAVAILABLE,
// four attempts in all, with exponential backoff. Nothing else is retried.
const RetryServiceConfig = `{"methodConfig": [{
  "name": [
    {"service": "agentbuilder.v1.AgentService"},
    {"service": "agentbuilder.v1.ToolService"},
    {"service": "agentbuilder.v1.BlockService"},
    {"service": "agentbuilder.v1.WorkflowService"},
    {"service": "agentbuilder.v1.ExecutionService"},
    {"service": "agentbuilder.v1.MetricsService"}
  ],
  "retryPolicy": {
    "maxAttempts": 4,
    "initialBackoff": "0.1s",
    "maxBackoff": "2s",
    "backoffMultiplier": 2,
    "retryableStatusCodes": ["UNAVAILABLE"]
  }
}]}`

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
		grpc.WithChainUnaryInterceptor(defaultDeadline(DefaultTimeout)),
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
