// Command quickstart creates a logic block and a two-node workflow, runs it with {"value": 5},
// prints every execution event as it streams and then the output ({"value": 20}).
//
// It reads AGENTBUILDER_TARGET (default localhost:50051) and AGENTBUILDER_API_KEY (else the
// .agentbuilder/api-key file that `make run` writes, looked up from the working directory up).
// On failure it prints "error: <CODE>: <message>" and a line per error detail, and exits 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/agentbuilder/agentbuilder/clients/go/agentbuilder"
	pb "github.com/agentbuilder/agentbuilder/clients/go/agentbuilderv1"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprint(os.Stderr, errorText(err))
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
	// Unary calls get agentbuilder.DefaultTimeout (10 s) from the client; the stream gets none.
	ctx := context.Background()

	block, err := client.Blocks.CreateBlock(ctx, &pb.CreateBlockRequest{
		Block: &pb.Block{
			Name:      "doubler",
			BlockType: pb.BlockType_BLOCK_TYPE_LOGIC,
			Code:      `output = {"value": input["value"] * 2}`,
		},
		RequestId: agentbuilder.NewRequestID(),
	})
	if err != nil {
		return err
	}
	blockID := block.GetBlock().GetId()

	workflow, err := client.Workflows.CreateWorkflow(ctx, &pb.CreateWorkflowRequest{
		Workflow: &pb.Workflow{
			Name:        "double twice",
			EntryNodeId: "first",
			Nodes: []*pb.WorkflowNode{
				{Id: "first", Type: pb.NodeType_NODE_TYPE_BLOCK, RefId: blockID},
				{Id: "second", Type: pb.NodeType_NODE_TYPE_BLOCK, RefId: blockID},
			},
			Edges: []*pb.WorkflowEdge{{Id: "first-to-second", Source: "first", Target: "second"}},
		},
		RequestId: agentbuilder.NewRequestID(),
	})
	if err != nil {
		return err
	}
	workflowID := workflow.GetWorkflow().GetId()

	_, err = client.Workflows.PublishWorkflow(ctx, &pb.PublishWorkflowRequest{WorkflowId: workflowID})
	if err != nil {
		return err
	}

	input, err := structpb.NewStruct(map[string]any{"value": 5})
	if err != nil {
		return err
	}
	started, err := client.Executions.StartExecution(ctx, &pb.StartExecutionRequest{
		WorkflowId: workflowID,
		Input:      input,
		RequestId:  agentbuilder.NewRequestID(),
	})
	if err != nil {
		return err
	}

	// The stream has no deadline: it ends after the terminal event. (Were it to break, calling
	// StreamExecution again with AfterSequence = the last sequence seen would resume it.)
	streamCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := client.Executions.StreamExecution(streamCtx, &pb.StreamExecutionRequest{
		ExecutionId: started.GetExecution().GetId(),
	})
	if err != nil {
		return err
	}
	for {
		reply, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return errors.New("StreamExecution ended before a terminal event")
		}
		if err != nil {
			return err
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
			if err := status.FromProto(kind.Failed.GetError()).Err(); err != nil {
				return err
			}
			return status.Error(codes.Unknown, "execution failed")
		case *pb.ExecutionEvent_Cancelled:
			return status.Error(codes.Canceled, "execution cancelled: "+kind.Cancelled.GetReason())
		}
	}
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
		path := filepath.Join(dir, ".agentbuilder", "api-key")
		data, err := os.ReadFile(path)
		switch {
		case err == nil:
			if key := strings.TrimSpace(string(data)); key != "" {
				return key, nil
			}
			return "", fmt.Errorf("no API key: %s is empty", path)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("no API key: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no API key: set AGENTBUILDER_API_KEY, or run `make run`, " +
				"which writes .agentbuilder/api-key, in this directory or a parent")
		}
		dir = parent
	}
}

// errorText is "error: <CODE>: <message>" and a line per ErrorInfo and BadRequest field
// violation for a gRPC status, else "error: <err>".
func errorText(err error) string {
	st, ok := status.FromError(err)
	if !ok {
		return fmt.Sprintf("error: %v\n", err)
	}
	text := fmt.Sprintf("error: %s: %s\n", code.Code(st.Code()), st.Message())
	info, badRequest := agentbuilder.Details(err)
	if info != nil {
		text += fmt.Sprintf("  ErrorInfo reason=%s domain=%s\n", info.GetReason(), info.GetDomain())
	}
	for _, violation := range badRequest.GetFieldViolations() {
		text += fmt.Sprintf("  BadRequest field=%s description=%s\n",
			violation.GetField(), violation.GetDescription())
	}
	return text
}
