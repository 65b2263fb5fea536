package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestErrorText(t *testing.T) {
	st, err := status.New(codes.InvalidArgument, "block is invalid").WithDetails(
		&errdetails.ErrorInfo{Reason: "INVALID_BLOCK", Domain: "agentbuilder"},
		&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: "block.name", Description: "is required"},
		}},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := "error: INVALID_ARGUMENT: block is invalid\n" +
		"  ErrorInfo reason=INVALID_BLOCK domain=agentbuilder\n" +
		"  BadRequest field=block.name description=is required\n"
	if got := errorText(st.Err()); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadAPIKeyFromParent(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".agentbuilder"), 0o755); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(root, ".agentbuilder", "api-key")
	if err := os.WriteFile(keyFile, []byte("k1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	child := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(child, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AGENTBUILDER_API_KEY", "")
	t.Chdir(child)
	key, err := readAPIKey()
	if err != nil || key != "k1" {
		t.Fatalf("got %q, %v; want k1", key, err)
	}
}

func TestReadAPIKeyMissing(t *testing.T) {
	t.Setenv("AGENTBUILDER_API_KEY", "")
	t.Chdir(t.TempDir())
	_, err := readAPIKey()
	if err == nil || strings.Contains(err.Error(), "\n") ||
		!strings.Contains(err.Error(), "AGENTBUILDER_API_KEY") {
		t.Fatalf("got %v; want one line naming AGENTBUILDER_API_KEY", err)
	}
}
