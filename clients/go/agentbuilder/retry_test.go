package agentbuilder_test

import (
	"context"
	"net"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/agentbuilder/agentbuilder/clients/go/agentbuilder"
	pb "github.com/agentbuilder/agentbuilder/clients/go/agentbuilderv1"
)

// These tests run against a stand-in AgentService on a loopback port, not a real server.

const standInKey = "stand-in-key"

var uuidPattern = regexp.MustCompile(
	`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// attempt is what the stand-in saw of one call.
type attempt struct {
	authorization []string
	deadline      time.Duration // left until the call's deadline; 0 without one
	requestID     string
}

// standIn answers UNAVAILABLE to the first `failures` calls and OK after that.
type standIn struct {
	pb.UnimplementedAgentServiceServer
	failures int

	mu       sync.Mutex
	attempts []attempt
}

func (s *standIn) answer(ctx context.Context, requestID string) error {
	seen := attempt{requestID: requestID}
	md, _ := metadata.FromIncomingContext(ctx)
	seen.authorization = md.Get("authorization")
	if deadline, ok := ctx.Deadline(); ok {
		seen.deadline = time.Until(deadline)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts = append(s.attempts, seen)
	if len(s.attempts) <= s.failures {
		return status.Error(codes.Unavailable, "stand-in is unavailable")
	}
	return nil
}

func (s *standIn) seen() []attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.attempts)
}

func (s *standIn) GetAgent(
	ctx context.Context, req *pb.GetAgentRequest,
) (*pb.GetAgentResponse, error) {
	if err := s.answer(ctx, ""); err != nil {
		return nil, err
	}
	return &pb.GetAgentResponse{Agent: &pb.Agent{Id: req.GetAgentId()}}, nil
}

func (s *standIn) DeleteAgent(
	ctx context.Context, _ *pb.DeleteAgentRequest,
) (*pb.DeleteAgentResponse, error) {
	if err := s.answer(ctx, ""); err != nil {
		return nil, err
	}
	return &pb.DeleteAgentResponse{}, nil
}

func (s *standIn) CreateAgent(
	ctx context.Context, req *pb.CreateAgentRequest,
) (*pb.CreateAgentResponse, error) {
	if err := s.answer(ctx, req.GetRequestId()); err != nil {
		return nil, err
	}
	return &pb.CreateAgentResponse{Agent: req.GetAgent()}, nil
}

// serve starts a stand-in that fails `failures` times and a Client dialled to it.
func serve(t *testing.T, failures int) (*standIn, *agentbuilder.Client) {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stand := &standIn{failures: failures}
	server := grpc.NewServer()
	pb.RegisterAgentServiceServer(server, stand)
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	client, err := agentbuilder.Dial(listener.Addr().String(), standInKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	return stand, client
}

func TestRetryGetAgentAfterUnavailable(t *testing.T) {
	stand, client := serve(t, 2)
	reply, err := client.Agents.GetAgent(context.Background(), &pb.GetAgentRequest{AgentId: "a1"})
	if err != nil {
		t.Fatalf("GetAgent: %v", err)
	}
	if reply.GetAgent().GetId() != "a1" {
		t.Fatalf("GetAgent: got %v", reply)
	}
	attempts := stand.seen()
	if len(attempts) != 3 {
		t.Fatalf("got %d attempts, want 3 (two UNAVAILABLE, then OK)", len(attempts))
	}
	for i, seen := range attempts {
		if !slices.Equal(seen.authorization, []string{"Bearer " + standInKey}) {
			t.Errorf("attempt %d: authorization %q, want [Bearer %s]", i+1, seen.authorization, standInKey)
		}
		// The default deadline covers the call with all its attempts.
		if seen.deadline <= 0 || seen.deadline > agentbuilder.DefaultTimeout+500*time.Millisecond {
			t.Errorf("attempt %d: deadline in %v, want one within %v",
				i+1, seen.deadline, agentbuilder.DefaultTimeout)
		}
	}
}

func TestNoRetryDeleteAgent(t *testing.T) {
	stand, client := serve(t, 1)
	_, err := client.Agents.DeleteAgent(context.Background(), &pb.DeleteAgentRequest{AgentId: "a1"})
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("DeleteAgent: got %v, want UNAVAILABLE", err)
	}
	if attempts := stand.seen(); len(attempts) != 1 {
		t.Fatalf("got %d attempts, want 1: a delete may have committed before UNAVAILABLE", len(attempts))
	}
}

func TestRetryCreateAgentKeepsFilledRequestID(t *testing.T) {
	stand, client := serve(t, 1)
	request := &pb.CreateAgentRequest{Agent: &pb.Agent{Name: "helper"}}
	if _, err := client.Agents.CreateAgent(context.Background(), request); err != nil {
		t.Fatalf("CreateAgent: %v", err)
	}
	attempts := stand.seen()
	if len(attempts) != 2 {
		t.Fatalf("got %d attempts, want 2 (UNAVAILABLE, then OK)", len(attempts))
	}
	id := attempts[0].requestID
	if !uuidPattern.MatchString(id) {
		t.Fatalf("request_id %q, want a random UUID", id)
	}
	if attempts[1].requestID != id {
		t.Fatalf("request_ids %q then %q, want the same on every attempt", id, attempts[1].requestID)
	}
	if request.GetRequestId() != "" {
		t.Fatalf("the caller's request was changed: request_id %q", request.GetRequestId())
	}
}

func TestCallerRequestIDIsKept(t *testing.T) {
	stand, client := serve(t, 0)
	id := agentbuilder.NewRequestID()
	request := &pb.CreateAgentRequest{Agent: &pb.Agent{Name: "helper"}, RequestId: id}
	if _, err := client.Agents.CreateAgent(context.Background(), request); err != nil {
		t.Fatalf("CreateAgent: %v", err)
	}
	if got := stand.seen()[0].requestID; got != id {
		t.Fatalf("request_id %q, want the caller's %q", got, id)
	}
}

func TestCallerDeadlineWinsOverDefault(t *testing.T) {
	for _, timeout := range []time.Duration{2 * time.Second, 30 * time.Second} {
		stand, client := serve(t, 0)
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		_, err := client.Agents.GetAgent(ctx, &pb.GetAgentRequest{AgentId: "a1"})
		cancel()
		if err != nil {
			t.Fatalf("GetAgent: %v", err)
		}
		deadline := stand.seen()[0].deadline
		if deadline > timeout || deadline < timeout-time.Second {
			t.Errorf("caller timeout %v: the server saw its deadline in %v", timeout, deadline)
		}
	}
}

// Every entry of RetriedMethods names a method of the generated services, and every method
// whose request has a request_id (which Dial fills) is retried.
func TestRetriedMethods(t *testing.T) {
	for _, full := range agentbuilder.RetriedMethods {
		service, method, _ := strings.Cut(full, "/")
		descriptor, err := protoregistry.GlobalFiles.FindDescriptorByName(
			protoreflect.FullName(service))
		if err != nil {
			t.Errorf("%s: %v", full, err)
			continue
		}
		methods := descriptor.(protoreflect.ServiceDescriptor).Methods()
		if methods.ByName(protoreflect.Name(method)) == nil {
			t.Errorf("%s: no such method", full)
		}
	}
	services := []string{"AgentService", "ToolService", "BlockService", "WorkflowService",
		"ExecutionService", "MetricsService"}
	for _, name := range services {
		descriptor, err := protoregistry.GlobalFiles.FindDescriptorByName(
			protoreflect.FullName("agentbuilder.v1." + name))
		if err != nil {
			t.Fatal(err)
		}
		methods := descriptor.(protoreflect.ServiceDescriptor).Methods()
		for i := range methods.Len() {
			method := methods.Get(i)
			full := "agentbuilder.v1." + name + "/" + string(method.Name())
			if method.Input().Fields().ByName("request_id") != nil &&
				!slices.Contains(agentbuilder.RetriedMethods, full) {
				t.Errorf("%s has a request_id but is not retried", full)
			}
		}
	}
}
