package agentbuilder_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/agentbuilder/agentbuilder/clients/go/agentbuilder"
	pb "github.com/agentbuilder/agentbuilder/clients/go/agentbuilderv1"
)

// dial connects to the server named by AGENTBUILDER_TARGET and AGENTBUILDER_API_KEY (what
// tests/e2e/test_client_go.py sets); without them the test is skipped.
func dial(t *testing.T, apiKey string) *agentbuilder.Client {
	t.Helper()
	target := os.Getenv("AGENTBUILDER_TARGET")
	if target == "" || os.Getenv("AGENTBUILDER_API_KEY") == "" {
		t.Skip("AGENTBUILDER_TARGET and AGENTBUILDER_API_KEY name no running server")
	}
	client, err := agentbuilder.Dial(target, apiKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	return client
}

func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func TestLiveNotFoundCarriesErrorInfo(t *testing.T) {
	client := dial(t, os.Getenv("AGENTBUILDER_API_KEY"))
	_, err := client.Agents.GetAgent(context.Background(), &pb.GetAgentRequest{AgentId: randomUUID()})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("GetAgent of an unknown id: got %v, want NOT_FOUND", err)
	}
	info, _ := agentbuilder.Details(err)
	if info.GetDomain() != "agentbuilder" || info.GetReason() != "AGENT_NOT_FOUND" {
		t.Fatalf("ErrorInfo: got %v, want domain agentbuilder, reason AGENT_NOT_FOUND", info)
	}
}

func TestLiveInvalidArgumentCarriesBadRequest(t *testing.T) {
	client := dial(t, os.Getenv("AGENTBUILDER_API_KEY"))
	_, err := client.Blocks.CreateBlock(context.Background(), &pb.CreateBlockRequest{
		Block: &pb.Block{BlockType: pb.BlockType_BLOCK_TYPE_LOGIC, Code: "output = 1"},
	})
	if status.Code(err) != codes.InvalidArgument {
		t.Fatalf("CreateBlock without a name: got %v, want INVALID_ARGUMENT", err)
	}
	_, badRequest := agentbuilder.Details(err)
	fields := map[string]bool{}
	for _, violation := range badRequest.GetFieldViolations() {
		fields[violation.GetField()] = true
	}
	if !fields["block.name"] {
		t.Fatalf("BadRequest: got %v, want a violation on block.name", badRequest)
	}
}

func TestLiveWrongKeyIsUnauthenticated(t *testing.T) {
	client := dial(t, "not-a-key")
	_, err := client.Agents.ListAgents(context.Background(), &pb.ListAgentsRequest{})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("ListAgents with a wrong key: got %v, want UNAUTHENTICATED", err)
	}
}

func TestDetailsOfPlainError(t *testing.T) {
	info, badRequest := agentbuilder.Details(fmt.Errorf("not a gRPC error"))
	if info != nil || badRequest != nil {
		t.Fatalf("got %v, %v; want nil, nil", info, badRequest)
	}
}
