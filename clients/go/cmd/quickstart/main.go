// Command quickstart creates a logic block and a two-node workflow, runs it with {"value": 5},
// prints every execution event as it streams and then the output ({"value": 20}).
//
// It reads AGENTBUILDER_TARGET (default localhost:50051) and AGENTBUILDER_API_KEY (else the
// .agentbuilder/api-key file that `make run` writes, looked up from the working directory up).
package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/agentbuilder/agentbuilder/clients/go/agentbuilder"
	pb "github.com/agentbuilder/agentbuilder/clients/go/agentbuilderv1"
)

const unaryTimeout = 10 * time.Second

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart failed:", err)
		os.Exit(1)
	}
}

func run() error {
	target := os.Getenv("AGENTBUILDER_TARGET")
	if target == "" {
		target = "localhost:50051"
	}
	apiKey, err := readAPIKey()
	if err != nil {
		return err
	}
	client, err := agentbuilder.Dial(target, apiKey)
	if err != nil {
		return err
	}
	defer client.Close()
	ctx := context.Background()

	block, err := call(ctx, func(ctx context.Context) (*pb.CreateBlockResponse, error) {
		return client.Blocks.CreateBlock(ctx, &pb.CreateBlockRequest{
			Block: &pb.Block{
				Name:      "doubler",
				BlockType: pb.BlockType_BLOCK_TYPE_LOGIC,
				Code:      `output = {"value": input["value"] * 2}`,
			},
			RequestId: newRequestID(),
		})
	})
	if err != nil {
		return rpcError("CreateBlock", err)
	}
	blockID := block.GetBlock().GetId()

	workflow, err := call(ctx, func(ctx context.Context) (*pb.CreateWorkflowResponse, error) {
		return client.Workflows.CreateWorkflow(ctx, &pb.CreateWorkflowRequest{
			Workflow: &pb.Workflow{
				Name:        "double twice",
				EntryNodeId: "first",
				Nodes: []*pb.WorkflowNode{
					{Id: "first", Type: pb.NodeType_NODE_TYPE_BLOCK, RefId: blockID},
					{Id: "second", Type: pb.NodeType_NODE_TYPE_BLOCK, RefId: blockID},
				},
				Edges: []*pb.WorkflowEdge{{Id: "first-to-second", Source: "first", Target: "second"}},
			},
			RequestId: newRequestID(),
		})
	})
	if err != nil {
		return rpcError("CreateWorkflow", err)
	}
	workflowID := workflow.GetWorkflow().GetId()

	_, err = call(ctx, func(ctx context.Context) (*pb.PublishWorkflowResponse, error) {
		return client.Workflows.PublishWorkflow(ctx, &pb.PublishWorkflowRequest{WorkflowId: workflowID})
	})
	if err != nil {
		return rpcError("PublishWorkflow", err)
	}

	input, err := structpb.NewStruct(map[string]any{"value": 5})
	if err != nil {
		return err
	}
	started, err := call(ctx, func(ctx context.Context) (*pb.StartExecutionResponse, error) {
		return client.Executions.StartExecution(ctx, &pb.StartExecutionRequest{
			WorkflowId: workflowID,
			Input:      input,
			RequestId:  newRequestID(),
		})
	})
	if err != nil {
		return rpcError("StartExecution", err)
	}

	// The stream has no deadline: it ends after the terminal event.
	streamCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := client.Executions.StreamExecution(streamCtx, &pb.StreamExecutionRequest{
		ExecutionId: started.GetExecution().GetId(),
	})
	if err != nil {
		return rpcError("StreamExecution", err)
	}
	for {
		reply, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return errors.New("StreamExecution ended before a terminal event")
		}
		if err != nil {
			return rpcError("StreamExecution", err)
		}
		event := reply.GetEvent()
		fmt.Println(eventLine(event))
		switch kind := event.GetKind().(type) {
		case *pb.ExecutionEvent_Completed:
			output, err := json.Marshal(kind.Completed.GetOutput().AsInterface())
			if err != nil {
				return err
			}
			fmt.Printf("output %s\n", output)
			return nil
		case *pb.ExecutionEvent_Failed:
			err := kind.Failed.GetError()
			return fmt.Errorf("execution failed: %s: %s", code.Code(err.GetCode()), err.GetMessage())
		case *pb.ExecutionEvent_Cancelled:
			return fmt.Errorf("execution cancelled: %s", kind.Cancelled.GetReason())
		}
	}
}

// call runs one unary call with its own deadline.
func call[T any](ctx context.Context, do func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, unaryTimeout)
	defer cancel()
	return do(ctx)
}

// eventLine is "event <sequence> <kind>[ <node id>]", kind being the oneof field's proto name.
func eventLine(event *pb.ExecutionEvent) string {
	message := event.ProtoReflect()
	field := message.WhichOneof(message.Descriptor().Oneofs().ByName("kind"))
	if field == nil {
		return fmt.Sprintf("event %d unknown", event.GetSequence())
	}
	line := fmt.Sprintf("event %d %s", event.GetSequence(), field.Name())
	if field.Kind() == protoreflect.MessageKind {
		kind := message.Get(field).Message()
		if nodeID := kind.Descriptor().Fields().ByName("node_id"); nodeID != nil {
			line += " " + kind.Get(nodeID).String()
		}
	}
	return line
}

// readAPIKey is AGENTBUILDER_API_KEY, else .agentbuilder/api-key in the working directory or
// the nearest parent that has one.
func readAPIKey() (string, error) {
	if key := strings.TrimSpace(os.Getenv("AGENTBUILDER_API_KEY")); key != "" {
		return key, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, ".agentbuilder", "api-key"))
		if err == nil {
			return strings.TrimSpace(string(data)), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no API key: set AGENTBUILDER_API_KEY or run `make run` " +
				"(it writes .agentbuilder/api-key)")
		}
		dir = parent
	}
}

// rpcError names the failed call, its status code and message, and the details the server sent.
func rpcError(method string, err error) error {
	st, ok := status.FromError(err)
	if !ok {
		return fmt.Errorf("%s: %w", method, err)
	}
	text := fmt.Sprintf("%s: %s: %s", method, code.Code(st.Code()), st.Message())
	info, badRequest := agentbuilder.Details(err)
	if info != nil {
		text += fmt.Sprintf(" (reason %s)", info.GetReason())
	}
	for _, violation := range badRequest.GetFieldViolations() {
		text += fmt.Sprintf("\n  %s: %s", violation.GetField(), violation.GetDescription())
	}
	return errors.New(text)
}

// newRequestID is a random (version 4) UUID, making a create safe to retry.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
